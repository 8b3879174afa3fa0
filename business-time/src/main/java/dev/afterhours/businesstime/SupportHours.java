package dev.afterhours.businesstime;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A client's support hours: weekly windows on the wall clock of one zone, minus holidays.
 *
 * <p>A moment is open iff its wall-clock time in the zone falls in {@code [from, to)} of a window of that local
 * day of week and that local date is no holiday. Daylight-saving days follow from that definition: a window inside
 * the skipped hour contributes nothing, a window over the repeated hour counts it twice in real time. The
 * arithmetic jumps from window to window; it never walks minute by minute.
 */
public final class SupportHours {

    /** Due times further ahead than this are an error, not a hang. */
    public static final Duration HORIZON = Duration.ofDays(5 * 366);

    private final ZoneId zone;
    private final ZoneRules rules;
    private final Map<DayOfWeek, List<OpeningWindow>> windows;
    private final Set<LocalDate> holidays;

    public SupportHours(ZoneId zone, Map<DayOfWeek, List<OpeningWindow>> windows, Set<LocalDate> holidays) {
        this.zone = zone;
        this.rules = zone.getRules();
        this.windows = new EnumMap<>(DayOfWeek.class);
        windows.forEach((day, list) -> {
            List<OpeningWindow> sorted = list.stream().sorted(Comparator.comparing(OpeningWindow::from)).toList();
            for (int i = 1; i < sorted.size(); i++) {
                if (sorted.get(i - 1).overlaps(sorted.get(i))) {
                    throw new IllegalArgumentException("hours." + day + ": windows " + sorted.get(i - 1) + " and "
                            + sorted.get(i) + " overlap");
                }
            }
            this.windows.put(day, sorted);
        });
        this.holidays = Set.copyOf(holidays);
    }

    /** Always open: every minute of every day. */
    public static SupportHours allDay(ZoneId zone) {
        Map<DayOfWeek, List<OpeningWindow>> all = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            all.put(day, List.of(OpeningWindow.parse("00:00", "24:00")));
        }
        return new SupportHours(zone, all, Set.of());
    }

    public ZoneId zone() {
        return zone;
    }

    public boolean isOpen(Instant moment) {
        LocalDate date = LocalDateTime.ofInstant(moment, zone).toLocalDate();
        for (Interval interval : openIntervals(date)) {
            if (interval.contains(moment)) {
                return true;
            }
        }
        return false;
    }

    public OpeningStatus status(Instant moment) {
        if (isOpen(moment)) {
            return OpeningStatus.IN_HOURS;
        }
        LocalDate date = LocalDateTime.ofInstant(moment, zone).toLocalDate();
        if (holidays.contains(date)) {
            return OpeningStatus.HOLIDAY;
        }
        if (windows.getOrDefault(date.getDayOfWeek(), List.of()).isEmpty()) {
            return OpeningStatus.WEEKEND;
        }
        return OpeningStatus.AFTER_HOURS;
    }

    /** The earliest open instant at or after {@code moment}. */
    public Instant nextOpenAt(Instant moment) {
        requireSomeOpenTime();
        LocalDate date = LocalDateTime.ofInstant(moment, zone).toLocalDate().minusDays(1);
        Instant horizon = moment.plus(HORIZON);
        while (true) {
            for (Interval interval : openIntervals(date)) {
                if (interval.end().isAfter(moment)) {
                    return interval.start().isAfter(moment) ? interval.start() : moment;
                }
            }
            date = date.plusDays(1);
            if (date.atStartOfDay(zone).toInstant().isAfter(horizon)) {
                throw new IllegalArgumentException("no open time within 5 years of " + moment);
            }
        }
    }

    /**
     * The earliest instant t at or after {@code receivedAt} such that the open time in {@code [receivedAt, t)}
     * equals {@code target}.
     */
    public Instant dueAt(Instant receivedAt, Duration target) {
        if (target.isNegative()) {
            throw new IllegalArgumentException("target: must not be negative, was " + target);
        }
        if (target.isZero()) {
            return receivedAt;
        }
        requireSomeOpenTime();
        Duration remaining = target;
        Instant horizon = receivedAt.plus(HORIZON);
        LocalDate date = LocalDateTime.ofInstant(receivedAt, zone).toLocalDate().minusDays(1);
        while (true) {
            for (Interval interval : openIntervals(date)) {
                if (!interval.end().isAfter(receivedAt)) {
                    continue;
                }
                Instant start = interval.start().isAfter(receivedAt) ? interval.start() : receivedAt;
                Duration available = Duration.between(start, interval.end());
                if (remaining.compareTo(available) <= 0) {
                    Instant due = start.plus(remaining);
                    if (due.isAfter(horizon)) {
                        break;
                    }
                    return due;
                }
                remaining = remaining.minus(available);
            }
            date = date.plusDays(1);
            if (date.atStartOfDay(zone).toInstant().isAfter(horizon)) {
                throw new IllegalArgumentException("target " + target + " from " + receivedAt
                        + " would fall due more than 5 years ahead");
            }
        }
    }

    private void requireSomeOpenTime() {
        if (windows.values().stream().allMatch(List::isEmpty)) {
            throw new IllegalArgumentException("hours: the calendar has no open time at all");
        }
    }

    /** The open intervals of one local date, in real time, sorted. */
    List<Interval> openIntervals(LocalDate date) {
        List<OpeningWindow> dayWindows = windows.getOrDefault(date.getDayOfWeek(), List.of());
        if (dayWindows.isEmpty() || holidays.contains(date)) {
            return List.of();
        }
        List<Interval> result = new ArrayList<>(dayWindows.size());
        for (Segment segment : constantOffsetSegments(date)) {
            LocalDateTime segmentFrom = LocalDateTime.ofInstant(segment.start(), segment.offset());
            LocalDateTime segmentTo = LocalDateTime.ofInstant(segment.end(), segment.offset());
            for (OpeningWindow window : dayWindows) {
                LocalDateTime windowFrom = date.atTime(window.from());
                LocalDateTime windowTo = window.endsAtMidnight() ? date.plusDays(1).atStartOfDay() : date.atTime(window.to());
                LocalDateTime from = windowFrom.isAfter(segmentFrom) ? windowFrom : segmentFrom;
                LocalDateTime to = windowTo.isBefore(segmentTo) ? windowTo : segmentTo;
                if (from.isBefore(to)) {
                    result.add(new Interval(from.toInstant(segment.offset()), to.toInstant(segment.offset())));
                }
            }
        }
        result.sort(Comparator.comparing(Interval::start));
        return result;
    }

    /** The local date split at its offset transitions into stretches of real time with one offset each. */
    private List<Segment> constantOffsetSegments(LocalDate date) {
        Instant dayStart = date.atStartOfDay(zone).toInstant();
        Instant dayEnd = date.plusDays(1).atStartOfDay(zone).toInstant();
        List<Segment> segments = new ArrayList<>(2);
        Instant cursor = dayStart;
        while (cursor.isBefore(dayEnd)) {
            ZoneOffsetTransition next = rules.nextTransition(cursor);
            Instant end = next == null || !next.getInstant().isBefore(dayEnd) ? dayEnd : next.getInstant();
            segments.add(new Segment(cursor, end, rules.getOffset(cursor)));
            cursor = end;
        }
        return segments;
    }

    record Interval(Instant start, Instant end) {
        boolean contains(Instant moment) {
            return !moment.isBefore(start) && moment.isBefore(end);
        }
    }

    private record Segment(Instant start, Instant end, ZoneOffset offset) {
    }
}
