package dev.afterhours.classifier.hours;

import dev.afterhours.contracts.AfterHoursStatus;

/**
 * Where a moment falls against support hours.
 *
 * @param status          IN_HOURS, AFTER_HOURS, WEEKEND or HOLIDAY
 * @param clientLocalTime the moment on the calendar's wall clock, ISO-8601 with offset and zone id
 *                        ({@code 2026-11-23T17:14:05-05:00[America/New_York]})
 * @param agencyDefault   true when the client was unknown and the agency's default calendar decided
 */
public record AfterHours(AfterHoursStatus status, String clientLocalTime, boolean agencyDefault) {
}
