package dev.afterhours.businesstime.schedule;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * A restriction window of a layer, on the layer's wall clock: it opens at {@code from} on each of its
 * {@code days} and closes at the next {@code to}, the same day if {@code to} is after {@code from}, otherwise the
 * next day. So {@code 18:00-09:00} on MON-FRI is five nights, Monday 18:00 to Tuesday 09:00 through Friday 18:00
 * to Saturday 09:00; {@code 00:00-24:00} (or {@code from == to}) is 24 hours from {@code from}.
 *
 * <p>A moment is inside the window iff its local date-time in the layer's zone is in {@code [open, close)}. Across
 * daylight saving that means: a window opening inside a skipped hour opens when the clock jumps past its start;
 * a repeated hour inside the window counts twice.
 */
public record Window(Set<DayOfWeek> days, LocalTime from, LocalTime to) {

    public Window {
        InvalidScheduleException.required("window.days", days);
        if (days.isEmpty()) {
            throw new InvalidScheduleException("window.days", "a window needs at least one day of week");
        }
        days = Collections.unmodifiableSet(EnumSet.copyOf(days));
        InvalidScheduleException.required("window.from", from);
        InvalidScheduleException.required("window.to", to);
    }

    /** Mondays to Fridays, all day: {@code MON-FRI 00:00-24:00}. */
    public static Window weekdays() {
        return new Window(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.MIDNIGHT, LocalTime.MIDNIGHT);
    }

    /**
     * A window from {@code HH:mm} times; {@code to} may be {@code 24:00}.
     *
     * @throws InvalidScheduleException naming {@code window.from} or {@code window.to}
     */
    public static Window of(Set<DayOfWeek> days, String from, String to) {
        return new Window(days, parse("window.from", from), "24:00".equals(to) ? LocalTime.MIDNIGHT : parse("window.to", to));
    }

    private static LocalTime parse(String field, String value) {
        try {
            if (value != null && value.matches("\\d{2}:\\d{2}")) {
                return LocalTime.parse(value);
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        throw new InvalidScheduleException(field, "'" + value + "' is not a time of day as HH:mm");
    }

    /** Whether the window closes on the day after it opens ({@code to} not after {@code from}). */
    public boolean wrapsPastMidnight() {
        return !to.isAfter(from);
    }

    /** Whether the wall-clock date-time {@code local} is inside the window. */
    public boolean contains(LocalDateTime local) {
        LocalDate today = local.toLocalDate();
        return containsFrom(today, local) || containsFrom(today.minusDays(1), local);
    }

    private boolean containsFrom(LocalDate opening, LocalDateTime local) {
        return days.contains(opening.getDayOfWeek())
                && !local.isBefore(opensOn(opening)) && local.isBefore(closesAfter(opening));
    }

    LocalDateTime opensOn(LocalDate date) {
        return date.atTime(from);
    }

    LocalDateTime closesAfter(LocalDate opening) {
        return (wrapsPastMidnight() ? opening.plusDays(1) : opening).atTime(to);
    }

    @Override
    public String toString() {
        return days + " " + from + "-" + (to.equals(LocalTime.MIDNIGHT) ? "24:00" : to.toString());
    }
}
