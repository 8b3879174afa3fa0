/**
 * The SLA preview: what due time, next opening and status a calendar and target give for a moment, so admins can
 * check a calendar before they publish it, and see a client's own promise from the directory.
 */
@NullMarked
package dev.afterhours.scheduler.preview;

import org.jspecify.annotations.NullMarked;
