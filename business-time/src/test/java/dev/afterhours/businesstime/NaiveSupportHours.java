package dev.afterhours.businesstime;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The reference the engine is held to: the definition of "open" applied literally, one UTC minute at a time.
 * Every zone offset and every window edge is a whole minute, so a UTC minute is either open or closed throughout
 * (the first minute may be partial when the start has seconds). Deliberately slow and simple; it shares no code
 * with {@link SupportHours}. Public, with the test-jar, so that the benchmarks can measure it next to the engine.
 */
public final class NaiveSupportHours {

    /** A one-off closure, local date-times [from, to). */
    public record LocalRange(LocalDateTime from, LocalDateTime to) {
    }

    private final ZoneId zone;
    private final Map<DayOfWeek, List<OpeningWindow>> windows;
    private final Set<LocalDate> holidays;
    private final List<LocalRange> closures;

    public NaiveSupportHours(ZoneId zone, Map<DayOfWeek, List<OpeningWindow>> windows, Set<LocalDate> holidays) {
        this(zone, windows, holidays, List.of());
    }

    public NaiveSupportHours(ZoneId zone, Map<DayOfWeek, List<OpeningWindow>> windows, Set<LocalDate> holidays,
                             List<LocalRange> closures) {
        this.zone = zone;
        this.windows = windows;
        this.holidays = holidays;
        this.closures = closures;
    }

    public boolean isOpen(Instant moment) {
        LocalDateTime local = LocalDateTime.ofInstant(moment, zone);
        if (holidays.contains(local.toLocalDate()) || inClosure(local)) {
            return false;
        }
        LocalTime time = local.toLocalTime();
        for (OpeningWindow window : windows.getOrDefault(local.getDayOfWeek(), List.of())) {
            boolean beforeEnd = window.endsAtMidnight() || time.isBefore(window.to());
            if (!time.isBefore(window.from()) && beforeEnd) {
                return true;
            }
        }
        return false;
    }

    private boolean inClosure(LocalDateTime local) {
        for (LocalRange closure : closures) {
            if (!local.isBefore(closure.from()) && local.isBefore(closure.to())) {
                return true;
            }
        }
        return false;
    }

    public OpeningStatus status(Instant moment) {
        if (isOpen(moment)) {
            return OpeningStatus.IN_HOURS;
        }
        LocalDateTime local = LocalDateTime.ofInstant(moment, zone);
        if (holidays.contains(local.toLocalDate()) || inClosure(local)) {
            return OpeningStatus.HOLIDAY;
        }
        return windows.getOrDefault(local.getDayOfWeek(), List.of()).isEmpty() ? OpeningStatus.WEEKEND : OpeningStatus.AFTER_HOURS;
    }

    /** Walks minute by minute until the target is used up; null if not within {@code limit}. */
    public @Nullable Instant dueAt(Instant receivedAt, Duration target, Duration limit) {
        Duration remaining = target;
        Instant cursor = receivedAt;
        Instant end = receivedAt.plus(limit);
        while (cursor.isBefore(end)) {
            if (remaining.isZero()) {
                return cursor;
            }
            Instant nextMinute = cursor.truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
            if (isOpen(cursor)) {
                Duration available = Duration.between(cursor, nextMinute);
                if (remaining.compareTo(available) <= 0) {
                    return cursor.plus(remaining);
                }
                remaining = remaining.minus(available);
            }
            cursor = nextMinute;
        }
        return null;
    }

    public @Nullable Instant nextOpenAt(Instant moment, Duration limit) {
        Instant cursor = moment;
        Instant end = moment.plus(limit);
        while (cursor.isBefore(end)) {
            if (isOpen(cursor)) {
                return cursor;
            }
            cursor = cursor.truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
        }
        return null;
    }

    /** Sums the open minutes (and partial first and last minutes) of [from, to). */
    public Duration openTimeBetween(Instant from, Instant to) {
        Duration total = Duration.ZERO;
        Instant cursor = from;
        while (cursor.isBefore(to)) {
            Instant nextMinute = cursor.truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
            Instant stop = nextMinute.isBefore(to) ? nextMinute : to;
            if (isOpen(cursor)) {
                total = total.plus(Duration.between(cursor, stop));
            }
            cursor = stop;
        }
        return total;
    }
}
