package dev.afterhours.businesstime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
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

/**
 * The engine against the minute-walking reference, over random calendars, zones (with daylight saving, half- and
 * quarter-hour offsets, midnight transitions), instants to the second and targets.
 */
class SupportHoursPropertiesTest {

    /** Zones whose rules are hard: DST both hemispheres, odd offsets, DST at midnight, 30-minute DST. */
    private static final List<String> ZONES = List.of("America/New_York", "Europe/London", "Australia/Sydney",
            "Asia/Kolkata", "America/St_Johns", "Asia/Kathmandu", "America/Santiago", "America/Havana",
            "Australia/Lord_Howe", "Pacific/Chatham", "Europe/Berlin", "America/Sao_Paulo", "Asia/Tehran", "UTC",
            "Africa/Casablanca", "Asia/Gaza");

    private static final Instant FROM = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2027-12-31T00:00:00Z");
    private static final Duration WALK_LIMIT = Duration.ofDays(120);

    record Case(String zone, Map<DayOfWeek, List<OpeningWindow>> windows, Set<LocalDate> holidays, Instant receivedAt,
                Duration target) {
    }

    @Property(tries = 5000)
    void dueAt_nextOpenAt_and_status_agree_with_the_minute_walk(@ForAll("cases") Case c) {
        SupportHours engine = new SupportHours(ZoneId.of(c.zone()), c.windows(), c.holidays());
        NaiveSupportHours reference = new NaiveSupportHours(ZoneId.of(c.zone()), c.windows(), c.holidays());

        assertThat(engine.status(c.receivedAt())).as("status").isEqualTo(reference.status(c.receivedAt()));
        assertThat(engine.isOpen(c.receivedAt())).as("isOpen").isEqualTo(reference.isOpen(c.receivedAt()));
        Instant expectedNextOpen = reference.nextOpenAt(c.receivedAt(), WALK_LIMIT);
        if (expectedNextOpen != null) {
            assertThat(engine.nextOpenAt(c.receivedAt())).as("nextOpenAt").isEqualTo(expectedNextOpen);
        }
        Instant expectedDue = reference.dueAt(c.receivedAt(), c.target(), WALK_LIMIT);
        if (expectedDue != null) {
            assertThat(engine.dueAt(c.receivedAt(), c.target())).as("dueAt").isEqualTo(expectedDue);
        }
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<String> zones = Arbitraries.of(ZONES);
        Arbitrary<Map<DayOfWeek, List<OpeningWindow>>> calendars = weeklyWindows();
        Arbitrary<Instant> instants = Arbitraries.longs().between(FROM.getEpochSecond(), TO.getEpochSecond()).map(Instant::ofEpochSecond);
        // Mostly sub-day targets, some over several days; seconds included.
        Arbitrary<Duration> targets = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(1, Arbitraries.just(Duration.ZERO)),
                net.jqwik.api.Tuple.of(6, Arbitraries.longs().between(1, 12 * 3600).map(Duration::ofSeconds)),
                net.jqwik.api.Tuple.of(3, Arbitraries.longs().between(1, 3 * 24 * 3600).map(Duration::ofSeconds)));
        return Combinators.combine(zones, calendars, instants, targets).flatAs((zone, windows, received, target) ->
                holidaysAround(received, zone).map(holidays -> new Case(zone, windows, holidays, received, target)));
    }

    /** Up to 3 windows a day on 1-7 days, edges on the minute (sometimes 24:00), never overlapping. */
    private static Arbitrary<Map<DayOfWeek, List<OpeningWindow>>> weeklyWindows() {
        Arbitrary<List<OpeningWindow>> day = Arbitraries.integers().between(1, 3).flatMap(count ->
                Arbitraries.integers().between(0, 24 * 60).list().ofSize(count * 2).uniqueElements().map(edges -> {
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

    /** A few holidays in the days after the instant, so some cases cross them. */
    private static Arbitrary<Set<LocalDate>> holidaysAround(Instant received, String zone) {
        LocalDate start = received.atZone(ZoneId.of(zone)).toLocalDate();
        return Arbitraries.integers().between(0, 14).set().ofMaxSize(4)
                .map(offsets -> {
                    Set<LocalDate> dates = new HashSet<>();
                    offsets.forEach(o -> dates.add(start.plusDays(o)));
                    return dates;
                });
    }
}
