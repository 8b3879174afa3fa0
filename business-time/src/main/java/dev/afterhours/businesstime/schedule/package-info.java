/**
 * On-call schedules as people plan them: layers of rotations (each in its own zone, with handoffs exact in local
 * time across daylight saving, and optional day-of-week and time-of-day restrictions), overrides and time off.
 * The final schedule is computed from the rules for any range ({@link dev.afterhours.businesstime.schedule.FinalSchedule}),
 * never stored, and depends on nothing but the schedule and the instants asked about (no default zone, no clock).
 * Pure Java, no Spring.
 */
@NullMarked
package dev.afterhours.businesstime.schedule;

import org.jspecify.annotations.NullMarked;
