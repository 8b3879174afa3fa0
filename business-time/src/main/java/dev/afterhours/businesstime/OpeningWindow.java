package dev.afterhours.businesstime;

import java.time.LocalTime;
import java.util.Objects;

/**
 * A daily window {@code [from, to)} on the wall clock. {@code endsAtMidnight} stands for {@code to = 24:00}.
 */
public record OpeningWindow(LocalTime from, LocalTime to, boolean endsAtMidnight) {

    public OpeningWindow {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!endsAtMidnight && !from.isBefore(to)) {
            throw new IllegalArgumentException("window " + from + "-" + to + ": from must be before to");
        }
    }

    /**
     * Parses {@code HH:mm} times; {@code to} may be {@code 24:00}.
     *
     * @throws IllegalArgumentException naming the bad value
     */
    public static OpeningWindow parse(String from, String to) {
        LocalTime start = parseTime("from", from);
        if ("24:00".equals(to)) {
            return new OpeningWindow(start, LocalTime.MIDNIGHT, true);
        }
        return new OpeningWindow(start, parseTime("to", to), false);
    }

    private static LocalTime parseTime(String field, String value) {
        if (value == null || !value.matches("\\d{2}:\\d{2}")) {
            throw new IllegalArgumentException(field + ": '" + value + "' is not a time of day as HH:mm");
        }
        try {
            return LocalTime.parse(value);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException(field + ": '" + value + "' is not a time of day as HH:mm");
        }
    }

    boolean overlaps(OpeningWindow other) {
        return from.isBefore(other.endOrMax()) && other.from.isBefore(endOrMax());
    }

    private LocalTime endOrMax() {
        return endsAtMidnight ? LocalTime.MAX : to;
    }

    @Override
    public String toString() {
        return from + "-" + (endsAtMidnight ? "24:00" : to.toString());
    }
}
