/**
 * The live directory view (clients, calendars, SLA policies) and its health.
 */
@NullMarked
package dev.afterhours.scheduler.directory;

import org.jspecify.annotations.NullMarked;
