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

/**
 * The reference the engine is held to: the definition of "open" applied literally, one UTC minute at a time.
 * Every zone offset and every window edge is a whole minute, so a UTC minute is either open or closed throughout.
 * Deliberately slow and simple; it shares no code with {@link SupportHours}.
 */
final class NaiveSupportHours {

    private final ZoneId zone;
    private final Map<DayOfWeek, List<OpeningWindow>> windows;
    private final Set<LocalDate> holidays;

    NaiveSupportHours(ZoneId zone, Map<DayOfWeek, List<OpeningWindow>> windows, Set<LocalDate> holidays) {
        this.zone = zone;
        this.windows = windows;
        this.holidays = holidays;
    }

    boolean isOpen(Instant moment) {
        LocalDateTime local = LocalDateTime.ofInstant(moment, zone);
        if (holidays.contains(local.toLocalDate())) {
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

    OpeningStatus status(Instant moment) {
        if (isOpen(moment)) {
            return OpeningStatus.IN_HOURS;
        }
        LocalDate date = LocalDateTime.ofInstant(moment, zone).toLocalDate();
        if (holidays.contains(date)) {
            return OpeningStatus.HOLIDAY;
        }
        return windows.getOrDefault(date.getDayOfWeek(), List.of()).isEmpty() ? OpeningStatus.WEEKEND : OpeningStatus.AFTER_HOURS;
    }

    /** Walks minute by minute until the target is used up; null if not within {@code limit}. */
    Instant dueAt(Instant receivedAt, Duration target, Duration limit) {
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

    Instant nextOpenAt(Instant moment, Duration limit) {
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
}
