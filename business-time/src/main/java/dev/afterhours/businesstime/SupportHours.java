package dev.afterhours.businesstime;

import dev.afterhours.businesstime.definition.InvalidCalendarException;
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
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A client's support hours: weekly windows on the wall clock of one zone, minus holidays and closures.
 *
 * <p>A moment is open iff its wall-clock time in the zone falls in {@code [from, to)} of a window of that local
 * day of week, that local date is no holiday and the local date-time is in no closure. Daylight-saving days follow
 * from that definition: a window inside the skipped hour contributes nothing, a window over the repeated hour
 * counts it twice in real time, also when the transition happens at midnight and a local date repeats.
 *
 * <p>The arithmetic walks real time one constant-offset stretch at a time (between two offset transitions local
 * time is real time plus a fixed offset) and, inside a stretch, jumps from window to window: its cost grows with
 * the number of windows crossed, never with the length of the target. Instances are immutable and thread-safe.
 */
public final class SupportHours {

    /** Due times further ahead than this are an error, not a hang. */
    public static final Duration HORIZON = Duration.ofDays(5 * 366);

    /** The most due times one {@link #dueSeries} call computes. */
    public static final int MAX_SERIES = 1000;

    private static final long DAY = 86_400;
    /** Questions are answered for instants of years 1 to 9999, so that no arithmetic near Instant.MAX overflows. */
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");
    private static final long NANOS = 1_000_000_000L;

    private final ZoneId zone;
    private final ZoneRules rules;
    private final Map<DayOfWeek, List<OpeningWindow>> windows;
    /** Per ISO day index (Monday = 0): window edges in seconds of the local day, {@code [from0, to0, from1, to1...]}. */
    private final long[][] edges = new long[7][];
    private final boolean hasWindows;
    private final Set<Long> holidayDays;
    private final List<PublicHolidays.Key> countries;
    private final Map<Integer, Set<Long>> countryHolidayDays = new ConcurrentHashMap<>();
    /** Closures in local epoch seconds, sorted and merged: {@code [from_i, to_i)}. */
    private final long[] closureFrom;
    private final long[] closureTo;

    public SupportHours(ZoneId zone, Map<DayOfWeek, List<OpeningWindow>> windows, Set<LocalDate> holidays) {
        this(zone, windows, holidays, List.of(), List.of());
    }

    SupportHours(ZoneId zone, Map<DayOfWeek, List<OpeningWindow>> windows, Set<LocalDate> holidays,
                 List<PublicHolidays.Key> countries, List<Closure> closures) {
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
        boolean any = false;
        for (DayOfWeek day : DayOfWeek.values()) {
            List<OpeningWindow> list = this.windows.getOrDefault(day, List.of());
            long[] dayEdges = new long[list.size() * 2];
            for (int i = 0; i < list.size(); i++) {
                OpeningWindow w = list.get(i);
                dayEdges[2 * i] = w.from().toSecondOfDay();
                dayEdges[2 * i + 1] = w.endsAtMidnight() ? DAY : w.to().toSecondOfDay();
            }
            edges[day.ordinal()] = dayEdges;
            any |= dayEdges.length > 0;
        }
        this.hasWindows = any;
        Set<Long> days = new HashSet<>();
        holidays.forEach(d -> days.add(d.toEpochDay()));
        this.holidayDays = Set.copyOf(days);
        this.countries = List.copyOf(countries);
        List<Closure> sorted = new ArrayList<>(closures);
        sorted.sort(Comparator.comparing(Closure::from));
        List<long[]> merged = new ArrayList<>();
        for (Closure c : sorted) {
            long from = c.from().toEpochSecond(ZoneOffset.UTC);
            long to = c.to().toEpochSecond(ZoneOffset.UTC);
            if (from >= to) {
                continue;
            }
            long[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && from <= last[1]) {
                last[1] = Math.max(last[1], to);
            } else {
                merged.add(new long[] {from, to});
            }
        }
        this.closureFrom = merged.stream().mapToLong(c -> c[0]).toArray();
        this.closureTo = merged.stream().mapToLong(c -> c[1]).toArray();
    }

    /** A one-off closure: local date-times {@code [from, to)}. */
    public record Closure(LocalDateTime from, LocalDateTime to) {
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

    /** The weekly windows, per day of week, sorted. */
    public Map<DayOfWeek, List<OpeningWindow>> windows() {
        return Collections.unmodifiableMap(windows);
    }

    public boolean isOpen(Instant moment) {
        long local = localSecond(moment);
        long day = Math.floorDiv(local, DAY);
        long second = local - day * DAY;
        long[] dayEdges = edges[dayIndex(day)];
        for (int i = 0; i < dayEdges.length; i += 2) {
            if (second >= dayEdges[i] && second < dayEdges[i + 1]) {
                return !isHoliday(day) && !inClosure(local);
            }
        }
        return false;
    }

    /**
     * IN_HOURS if open; otherwise HOLIDAY if the local date is a holiday or the moment is in a closure; otherwise
     * WEEKEND if that day of week has no windows; otherwise AFTER_HOURS.
     */
    public OpeningStatus status(Instant moment) {
        if (isOpen(moment)) {
            return OpeningStatus.IN_HOURS;
        }
        long local = localSecond(moment);
        long day = Math.floorDiv(local, DAY);
        if (isHoliday(day) || inClosure(local)) {
            return OpeningStatus.HOLIDAY;
        }
        return edges[dayIndex(day)].length == 0 ? OpeningStatus.WEEKEND : OpeningStatus.AFTER_HOURS;
    }

    /**
     * The earliest open instant at or after {@code moment}.
     *
     * @throws InvalidCalendarException ({@code calendar.hours}) if the calendar has no open time at all, or none
     *                                  within {@link #HORIZON}
     */
    public Instant nextOpenAt(Instant moment) {
        requireInRange("receivedAt", moment);
        requireSomeOpenTime();
        long from = moment.getEpochSecond();
        long[] found = {Long.MIN_VALUE};
        forEachOpenInterval(from, from + HORIZON.getSeconds(), (start, end) -> {
            found[0] = start;
            return false;
        });
        if (found[0] == Long.MIN_VALUE) {
            throw new InvalidCalendarException("calendar.hours", "no open time within 5 years after " + moment);
        }
        // Intervals start at or after the whole second of the moment; one starting on it contains the moment.
        return found[0] == from ? moment : Instant.ofEpochSecond(found[0]);
    }

    /**
     * The earliest instant t at or after {@code receivedAt} such that the open time in {@code [receivedAt, t)}
     * equals {@code target}: a zero target is due at receivedAt, a target used up exactly at closing is due at
     * closing.
     *
     * @throws InvalidCalendarException {@code target} if negative or due more than {@link #HORIZON} ahead,
     *                                  {@code calendar.hours} if the calendar has no open time at all
     */
    public Instant dueAt(Instant receivedAt, Duration target) {
        if (target.isNegative()) {
            throw new InvalidCalendarException("target", "must not be negative, was " + target);
        }
        requireInRange("receivedAt", receivedAt);
        if (target.isZero()) {
            return receivedAt;
        }
        requireSomeOpenTime();
        if (target.compareTo(HORIZON) > 0) {
            throw beyondHorizon(receivedAt, target);
        }
        long from = receivedAt.getEpochSecond();
        int fromNano = receivedAt.getNano();
        long horizon = from + HORIZON.getSeconds();
        // Remaining target in nanoseconds: at most 5 years, far from overflowing a long.
        long[] state = {target.toNanos(), Long.MIN_VALUE, 0};
        forEachOpenInterval(from, horizon, (start, end) -> {
            long skip = start == from ? fromNano : 0;
            long available = (end - start) * NANOS - skip;
            if (state[0] <= available) {
                long offset = skip + state[0];
                state[1] = start + offset / NANOS;
                state[2] = offset % NANOS;
                return false;
            }
            state[0] -= available;
            return true;
        });
        if (state[1] == Long.MIN_VALUE) {
            throw beyondHorizon(receivedAt, target);
        }
        Instant due = Instant.ofEpochSecond(state[1], state[2]);
        if (due.isAfter(receivedAt.plus(HORIZON))) {
            throw beyondHorizon(receivedAt, target);
        }
        return due;
    }

    /**
     * The open time inside {@code [from, to)}.
     *
     * @throws InvalidCalendarException ({@code from}) if from is after to
     */
    public Duration openTimeBetween(Instant from, Instant to) {
        requireInRange("from", from);
        requireInRange("to", to);
        if (from.isAfter(to)) {
            throw new InvalidCalendarException("from", "must not be after to (" + from + " > " + to + ")");
        }
        long fromSecond = from.getEpochSecond();
        long toSecond = to.getEpochSecond();
        int toNano = to.getNano();
        // Whole seconds and nanoseconds apart, so that centuries do not overflow.
        long[] total = {0, 0};
        forEachOpenInterval(fromSecond, toSecond + 1, (start, end) -> {
            if (start > toSecond || (start == toSecond && toNano == 0)) {
                return false;
            }
            long startNano = start == fromSecond ? from.getNano() : 0;
            long endSecond = end;
            long endNano = 0;
            if (end > toSecond) {
                endSecond = toSecond;
                endNano = toNano;
            }
            total[0] += endSecond - start;
            total[1] += endNano - startNano;
            return end <= toSecond;
        });
        return Duration.ofSeconds(total[0], total[1]);
    }

    /**
     * The due times of {@code count} messages received {@code every} apart from {@code firstReceivedAt}:
     * element k is {@code dueAt(firstReceivedAt + k * every, target)}.
     *
     * @throws InvalidCalendarException {@code count} outside 1..1000, {@code every} not positive, or any error of
     *                                  {@link #dueAt}
     */
    public List<Instant> dueSeries(Instant firstReceivedAt, Duration every, int count, Duration target) {
        if (count < 1 || count > MAX_SERIES) {
            throw new InvalidCalendarException("count", "must be between 1 and " + MAX_SERIES + ", was " + count);
        }
        if (every.isNegative() || every.isZero()) {
            throw new InvalidCalendarException("every", "must be positive, was " + every);
        }
        if (target.isNegative()) {
            throw new InvalidCalendarException("target", "must not be negative, was " + target);
        }
        requireInRange("receivedAt", firstReceivedAt);
        try {
            requireInRange("every", firstReceivedAt.plus(every.multipliedBy(count - 1L)));
        } catch (ArithmeticException | java.time.DateTimeException e) {
            throw new InvalidCalendarException("every", "the series runs past year 9999");
        }
        List<Instant> result = new ArrayList<>(count);
        Instant receivedAt = firstReceivedAt;
        for (int k = 0; k < count; k++) {
            result.add(dueAt(receivedAt, target));
            receivedAt = receivedAt.plus(every);
        }
        return List.copyOf(result);
    }

    private InvalidCalendarException beyondHorizon(Instant receivedAt, Duration target) {
        return new InvalidCalendarException("target", target + " from " + receivedAt
                + " would fall due more than 5 years ahead");
    }

    private static void requireInRange(String field, Instant instant) {
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw new InvalidCalendarException(field, "must lie in the years 1 to 9999, was " + instant);
        }
    }

    private void requireSomeOpenTime() {
        if (!hasWindows) {
            throw new InvalidCalendarException("calendar.hours", "the calendar has no open time at all");
        }
    }

    /** Called for each open interval, in order; returns whether to go on. */
    @FunctionalInterface
    private interface IntervalVisitor {
        boolean visit(long startSecond, long endSecond);
    }

    /**
     * Visits the open intervals {@code [start, end)} (epoch seconds, whole seconds since every offset and window
     * edge is) from {@code fromSecond} on, clipped to start there, in real-time order, until the visitor says stop
     * or the next local day starts after {@code limitSecond}. An open stretch crossing an offset transition comes
     * as two adjacent intervals.
     */
    private void forEachOpenInterval(long fromSecond, long limitSecond, IntervalVisitor visitor) {
        long cursor = fromSecond;
        while (cursor <= limitSecond) {
            Instant at = Instant.ofEpochSecond(cursor);
            long offset = rules.getOffset(at).getTotalSeconds();
            ZoneOffsetTransition next = rules.isFixedOffset() ? null : rules.nextTransition(at);
            long segmentEnd = next == null ? Long.MAX_VALUE / 2 : next.toEpochSecond();
            // Inside [cursor, segmentEnd) local time = real time + offset, so local intervals map back exactly.
            long localFrom = cursor + offset;
            long localTo = segmentEnd + offset;
            for (long day = Math.floorDiv(localFrom, DAY); day * DAY < localTo; day++) {
                if (day * DAY - offset > limitSecond) {
                    return;
                }
                long[] dayEdges = edges[dayIndex(day)];
                if (dayEdges.length == 0 || isHoliday(day)) {
                    continue;
                }
                for (int i = 0; i < dayEdges.length; i += 2) {
                    long start = Math.max(day * DAY + dayEdges[i], localFrom);
                    long end = Math.min(day * DAY + dayEdges[i + 1], localTo);
                    if (start < end && !visitOutsideClosures(start, end, offset, visitor)) {
                        return;
                    }
                }
            }
            cursor = segmentEnd;
        }
    }

    /** Visits the parts of local {@code [start, end)} outside every closure, as real time. */
    private boolean visitOutsideClosures(long start, long end, long offset, IntervalVisitor visitor) {
        int i = firstClosureEndingAfter(start);
        long cursor = start;
        while (cursor < end) {
            if (i >= closureFrom.length || closureFrom[i] >= end) {
                return visitor.visit(cursor - offset, end - offset);
            }
            if (closureFrom[i] > cursor && !visitor.visit(cursor - offset, closureFrom[i] - offset)) {
                return false;
            }
            cursor = Math.max(cursor, closureTo[i]);
            i++;
        }
        return true;
    }

    private int firstClosureEndingAfter(long local) {
        if (closureTo.length == 0) {
            return 0;
        }
        int index = Arrays.binarySearch(closureTo, local);
        return index >= 0 ? index + 1 : -index - 1;
    }

    private boolean inClosure(long local) {
        int i = firstClosureEndingAfter(local);
        return i < closureFrom.length && closureFrom[i] <= local;
    }

    private boolean isHoliday(long epochDay) {
        if (holidayDays.contains(epochDay)) {
            return true;
        }
        if (countries.isEmpty()) {
            return false;
        }
        int year = LocalDate.ofEpochDay(epochDay).getYear();
        return countryHolidayDays.computeIfAbsent(year, y -> {
            Set<Long> days = new HashSet<>();
            for (PublicHolidays.Key key : countries) {
                PublicHolidays.holidays(key, y).forEach(d -> days.add(d.toEpochDay()));
            }
            return Set.copyOf(days);
        }).contains(epochDay);
    }

    private long localSecond(Instant moment) {
        return moment.getEpochSecond() + rules.getOffset(moment).getTotalSeconds();
    }

    /** ISO day of week index, Monday = 0; 1970-01-01 (epoch day 0) was a Thursday. */
    private static int dayIndex(long epochDay) {
        return (int) Math.floorMod(epochDay + 3, 7L);
    }
}
