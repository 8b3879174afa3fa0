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
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

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

    /** 5,000 cases from fixed seeds: a failure names its seed, and a seed gives the same case on any machine. */
    @Test
    void the_engine_agrees_with_the_minute_walk() {
        for (long seed = 1; seed <= 5_000; seed++) {
            Case c = randomCase(new Random(seed));
            try {
                check(c);
            } catch (AssertionError e) {
                throw new AssertionError("seed " + seed + ", " + c + ": " + e.getMessage(), e);
            }
        }
    }

    private static void check(Case c) {
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

    static Case randomCase(Random random) {
        // Three in four cases in a hard zone, the others in any zone of the JDK.
        String zone = random.nextInt(4) < 3 ? pick(random, HARD_ZONES) : pick(random, ALL_ZONES);
        Map<DayOfWeek, List<OpeningWindow>> windows = weeklyWindows(random);
        Instant instant = Instant.ofEpochSecond(between(random, FROM.getEpochSecond(), TO.getEpochSecond()));
        // Mostly sub-day targets, some over several days; whole minutes (likely to end on an edge) and seconds.
        int kind = random.nextInt(10);
        Duration target = kind < 1 ? Duration.ZERO
                : kind < 4 ? Duration.ofMinutes(between(random, 1, 8 * 60))
                : kind < 8 ? Duration.ofSeconds(between(random, 1, 12 * 3600))
                : Duration.ofSeconds(between(random, 1, 3 * 24 * 3600));
        Duration span = Duration.ofSeconds(between(random, 0, 4 * 24 * 3600));
        int place = random.nextInt(6);
        Instant received = place < 2 ? onAnEdge(zone, windows, instant, place == 0 ? 0 : -1) : instant;
        return new Case(zone, windows, holidaysAround(random, received, zone), closuresAround(random, received, zone),
                received, target, span);
    }

    private static long between(Random random, long min, long max) {
        return min + (long) (random.nextDouble() * (max - min + 1));
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
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
    private static Map<DayOfWeek, List<OpeningWindow>> weeklyWindows(Random random) {
        List<DayOfWeek> all = new ArrayList<>(List.of(DayOfWeek.values()));
        java.util.Collections.shuffle(all, random);
        Map<DayOfWeek, List<OpeningWindow>> map = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : all.subList(0, 1 + random.nextInt(7))) {
            int count = 1 + random.nextInt(3);
            Set<Integer> edges = new HashSet<>();
            while (edges.size() < count * 2) {
                edges.add(edge(random));
            }
            List<Integer> sorted = edges.stream().sorted().toList();
            List<OpeningWindow> windows = new ArrayList<>();
            for (int i = 0; i + 1 < sorted.size(); i += 2) {
                windows.add(window(sorted.get(i), sorted.get(i + 1)));
            }
            map.put(day, windows);
        }
        return map;
    }

    /** A minute of the day: mostly anywhere, sometimes 00:00 or 24:00, often around the usual transition times. */
    private static int edge(Random random) {
        int kind = random.nextInt(10);
        return kind < 6 ? random.nextInt(24 * 60 + 1)
                : kind < 7 ? 0
                : kind < 8 ? 24 * 60
                : random.nextInt(3 * 60 + 1);
    }

    private static OpeningWindow window(int fromMinute, int toMinute) {
        String to = toMinute == 24 * 60 ? "24:00" : LocalTime.ofSecondOfDay(toMinute * 60L).toString();
        return OpeningWindow.parse(LocalTime.ofSecondOfDay(fromMinute * 60L).toString(), to);
    }

    /** A few holidays in the days around the instant, so some cases start on or cross them. */
    private static Set<LocalDate> holidaysAround(Random random, Instant received, String zone) {
        LocalDate start = received.atZone(ZoneId.of(zone)).toLocalDate();
        Set<LocalDate> dates = new HashSet<>();
        for (int i = 0, n = random.nextInt(5); i < n; i++) {
            dates.add(start.plusDays(random.nextInt(16) - 1));
        }
        return dates;
    }

    /** Up to two closures, from a minute to three days long, starting around the instant. */
    private static List<NaiveSupportHours.LocalRange> closuresAround(Random random, Instant received, String zone) {
        LocalDateTime local = LocalDateTime.ofInstant(received, ZoneId.of(zone)).withSecond(0).withNano(0);
        List<NaiveSupportHours.LocalRange> closures = new ArrayList<>();
        if (random.nextInt(3) < 2) {
            return closures;
        }
        for (int i = 0, n = 1 + random.nextInt(2); i < n; i++) {
            int startMinute = (int) between(random, -2 * 24 * 60, 6 * 24 * 60);
            int length = (int) between(random, 1, 3 * 24 * 60);
            closures.add(new NaiveSupportHours.LocalRange(local.plusMinutes(startMinute), local.plusMinutes(startMinute + length)));
        }
        return closures;
    }
}