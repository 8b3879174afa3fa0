package dev.afterhours.businesstime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * The engine against the minute-walking reference, over random calendars (1-3 windows a day on random days,
 * holidays, closures), zones (daylight saving in both hemispheres, half- and quarter-hour offsets, transitions at
 * midnight, and any zone of the JDK), instants to the second (a third of them exactly on a window edge) and targets.
 */
class SupportHoursPropertiesTest {

    /** Zones whose rules are hard: DST both hemispheres, odd offsets, DST at midnight, 30-minute DST. */
    private static final List<String> HARD_ZONES = List.of("America/New_York", "Europe/London", "Australia/Sydney",
            "Asia/Kolkata", "America/St_Johns", "Asia/Kathmandu", "America/Santiago", "America/Havana",
            "Australia/Lord_Howe", "Pacific/Chatham", "Europe/Berlin", "America/Sao_Paulo", "Asia/Tehran", "UTC",
            "Africa/Casablanca", "Asia/Gaza", "America/Asuncion", "Asia/Beirut", "Pacific/Apia");

    private static final List<String> ALL_ZONES = ZoneId.getAvailableZoneIds().stream().sorted().toList();

    private static final Instant FROM = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2027-12-31T00:00:00Z");
    /** How far the reference walks; cases whose answer lies further are not compared (they are rare). */
    private static final Duration WALK_LIMIT = Duration.ofDays(60);

    record Case(String zone, Map<DayOfWeek, List<OpeningWindow>> windows, Set<LocalDate> holidays,
                List<NaiveSupportHours.LocalRange> closures, Instant receivedAt, Duration target, Duration span) {

        SupportHours engine() {
            List<SupportHours.Closure> engineClosures = closures.stream()
                    .map(c -> new SupportHours.Closure(c.from(), c.to())).toList();
            return new SupportHours(ZoneId.of(zone), windows, holidays, List.of(), engineClosures);
        }

        NaiveSupportHours reference() {
            return new NaiveSupportHours(ZoneId.of(zone), windows, holidays, closures);
        }
    }

    @Property(tries = 5000)
    void the_engine_agrees_with_the_minute_walk(@ForAll("cases") Case c) {
        SupportHours engine = c.engine();
        NaiveSupportHours reference = c.reference();
        Instant received = c.receivedAt();

        assertThat(engine.status(received)).as("status").isEqualTo(reference.status(received));
        assertThat(engine.isOpen(received)).as("isOpen").isEqualTo(reference.isOpen(received));
        Instant expectedNextOpen = reference.nextOpenAt(received, WALK_LIMIT);
        if (expectedNextOpen != null) {
            assertThat(engine.nextOpenAt(received)).as("nextOpenAt").isEqualTo(expectedNextOpen);
        }
        Instant expectedDue = reference.dueAt(received, c.target(), WALK_LIMIT);
        Statistics.label("due found by the walk").collect(expectedDue != null);
        if (expectedDue != null) {
            Instant due = engine.dueAt(received, c.target());
            assertThat(due).as("dueAt").isEqualTo(expectedDue);
            assertThat(engine.openTimeBetween(received, due)).as("openTimeBetween(r, dueAt(r, x)) == x").isEqualTo(c.target());
        }
        Instant until = received.plus(c.span());
        Duration open = engine.openTimeBetween(received, until);
        assertThat(open).as("openTimeBetween").isEqualTo(reference.openTimeBetween(received, until));
        assertThat(engine.dueAt(received, open)).as("dueAt(r, openTimeBetween(r, t)) <= t").isBeforeOrEqualTo(until);
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<String> zones = Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.of(HARD_ZONES)), Tuple.of(1, Arbitraries.of(ALL_ZONES)));
        Arbitrary<Instant> instants = Arbitraries.longs().between(FROM.getEpochSecond(), TO.getEpochSecond()).map(Instant::ofEpochSecond);
        // Mostly sub-day targets, some over several days; whole minutes (likely to end on an edge) and seconds.
        Arbitrary<Duration> targets = Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(Duration.ZERO)),
                Tuple.of(3, Arbitraries.longs().between(1, 8 * 60).map(Duration::ofMinutes)),
                Tuple.of(4, Arbitraries.longs().between(1, 12 * 3600).map(Duration::ofSeconds)),
                Tuple.of(2, Arbitraries.longs().between(1, 3 * 24 * 3600).map(Duration::ofSeconds)));
        Arbitrary<Duration> spans = Arbitraries.longs().between(0, 4 * 24 * 3600).map(Duration::ofSeconds);
        Arbitrary<Integer> placement = Arbitraries.integers().between(0, 5);
        return Combinators.combine(zones, weeklyWindows(), instants, targets, spans, placement)
                .flatAs((zone, windows, instant, target, span, place) -> {
                    Instant received = place < 2 ? onAnEdge(zone, windows, instant, place == 0 ? 0 : -1) : instant;
                    return Combinators.combine(holidaysAround(received, zone), closuresAround(received, zone))
                            .as((holidays, closures) -> new Case(zone, windows, holidays, closures, received, target, span));
                });
    }

    /**
     * An instant exactly on a window edge of the local day (or a second before it), where an off-by-one at an
     * edge shows; falls back to the random instant if that day has no windows or the edge does not exist (gap).
     */
    private static Instant onAnEdge(String zone, Map<DayOfWeek, List<OpeningWindow>> windows, Instant instant, int nudge) {
        ZoneId id = ZoneId.of(zone);
        LocalDate date = LocalDateTime.ofInstant(instant, id).toLocalDate();
        List<OpeningWindow> day = windows.getOrDefault(date.getDayOfWeek(), List.of());
        if (day.isEmpty()) {
            return instant;
        }
        OpeningWindow window = day.get((int) Math.floorMod(instant.getEpochSecond(), (long) day.size()));
        boolean start = instant.getEpochSecond() % 2 == 0;
        LocalDateTime edge = start ? date.atTime(window.from())
                : window.endsAtMidnight() ? date.plusDays(1).atStartOfDay() : date.atTime(window.to());
        return edge.atZone(id).toInstant().plusSeconds(nudge);
    }

    /** Up to 3 windows a day on 1-7 days, edges on the minute (sometimes 24:00), never overlapping. */
    private static Arbitrary<Map<DayOfWeek, List<OpeningWindow>>> weeklyWindows() {
        Arbitrary<Integer> edge = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.integers().between(0, 24 * 60)),
                Tuple.of(1, Arbitraries.just(0)), Tuple.of(1, Arbitraries.just(24 * 60)),
                // Around the usual transition times (00:00-03:00), so windows meet skipped and repeated hours.
                Tuple.of(2, Arbitraries.integers().between(0, 3 * 60)));
        Arbitrary<List<OpeningWindow>> day = Arbitraries.integers().between(1, 3).flatMap(count ->
                edge.list().ofSize(count * 2).uniqueElements().map(edges -> {
                    List<Integer> sorted = edges.stream().sorted().toList();
                    List<OpeningWindow> windows = new ArrayList<>();
                    for (int i = 0; i + 1 < sorted.size(); i += 2) {
                        windows.add(window(sorted.get(i), sorted.get(i + 1)));
                    }
                    return windows;
                }));
        return Arbitraries.of(DayOfWeek.values()).set().ofMinSize(1).ofMaxSize(7).flatMap(days ->
                day.list().ofSize(days.size()).map(lists -> {
                    Map<DayOfWeek, List<OpeningWindow>> map = new EnumMap<>(DayOfWeek.class);
                    int i = 0;
                    for (DayOfWeek d : days) {
                        map.put(d, lists.get(i++));
                    }
                    return map;
                }));
    }

    private static OpeningWindow window(int fromMinute, int toMinute) {
        String to = toMinute == 24 * 60 ? "24:00" : LocalTime.ofSecondOfDay(toMinute * 60L).toString();
        return OpeningWindow.parse(LocalTime.ofSecondOfDay(fromMinute * 60L).toString(), to);
    }

    /** A few holidays in the days around the instant, so some cases start on or cross them. */
    private static Arbitrary<Set<LocalDate>> holidaysAround(Instant received, String zone) {
        LocalDate start = received.atZone(ZoneId.of(zone)).toLocalDate();
        return Arbitraries.integers().between(-1, 14).set().ofMaxSize(4)
                .map(offsets -> {
                    Set<LocalDate> dates = new HashSet<>();
                    offsets.forEach(o -> dates.add(start.plusDays(o)));
                    return dates;
                });
    }

    /** Up to two closures, from a minute to three days long, starting around the instant. */
    private static Arbitrary<List<NaiveSupportHours.LocalRange>> closuresAround(Instant received, String zone) {
        LocalDateTime local = LocalDateTime.ofInstant(received, ZoneId.of(zone)).withSecond(0).withNano(0);
        Arbitrary<NaiveSupportHours.LocalRange> closure = Combinators.combine(
                Arbitraries.integers().between(-2 * 24 * 60, 6 * 24 * 60), Arbitraries.integers().between(1, 3 * 24 * 60))
                .as((startMinute, length) -> new NaiveSupportHours.LocalRange(local.plusMinutes(startMinute),
                        local.plusMinutes(startMinute + length)));
        return Arbitraries.frequencyOf(Tuple.of(2, Arbitraries.just(List.<NaiveSupportHours.LocalRange>of())),
                Tuple.of(1, closure.list().ofMinSize(1).ofMaxSize(2)));
    }
}
