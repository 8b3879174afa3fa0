package dev.afterhours.notifier.report;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The span a report covers, {@code [from, to)}, in whole UTC hours: counts are kept by the hour, so a range is
 * widened to the hours it touches ({@code from} rounded down, {@code to} up) and the report states the range it used.
 */
public record ReportRange(Instant from, Instant to) {

    public ReportRange {
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("to (" + to + ") must be after from (" + from + ")");
        }
    }

    public static ReportRange widened(Instant from, Instant to) {
        Instant start = from.truncatedTo(ChronoUnit.HOURS);
        Instant end = to.truncatedTo(ChronoUnit.HOURS);
        return new ReportRange(start, end.equals(to) ? end : end.plus(1, ChronoUnit.HOURS));
    }

    public boolean contains(Instant at) {
        return !at.isBefore(from) && at.isBefore(to);
    }
}
