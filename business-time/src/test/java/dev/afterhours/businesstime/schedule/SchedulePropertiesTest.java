package dev.afterhours.businesstime.schedule;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random schedules against the minute-by-minute reference: 1-3 layers (half of them in a zone of their own), 1-4
 * members, rotations of 1, 2, 3, 7 or 14 days, handoff times and restriction edges biased to within 90 minutes
 * of the range's offset change (on the layer's clock), to midnight and to 01:00-03:59, up to two restriction windows a layer (some wrapping past midnight, some all day),
 * up to three overrides (half with {@code covered}) and two time offs, over ten days that start up to a week
 * before one of the zone's 2026-27 changes (or at a random minute of 2026-27 in zones without DST).
 */
class SchedulePropertiesTest {

    private static final List<String> ZONES = List.of("America/New_York", "Europe/Berlin", "Australia/Sydney",
            "Asia/Kathmandu", "Australia/Lord_Howe", "America/Santiago", "America/Havana", "Pacific/Chatham", "UTC");
    private static final List<String> STAFF = List.of("ann", "bob", "cat", "dan", "eve");
    private static final Instant YEARS_START = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant YEARS_END = Instant.parse("2028-01-01T00:00:00Z");
    private static final Duration RANGE = Duration.ofDays(10);

    record Case(Schedule schedule, Instant from, Instant to) {
    }

    /** 150 fixed seeds: a failure names its seed, and the same seed gives the same schedule on any machine. */
    static LongStream seeds() {
        return LongStream.rangeClosed(1, 150);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void computeAgreesWithTheReferenceEveryMinute(long seed) {
        Case c = randomCase(new Random(seed));
        ReferenceCheck.assertAgreesEveryMinute(c.schedule(), c.from(), c.to());
    }

    static Case randomCase(Random random) {
        ZoneId zone = ZoneId.of(pick(random, ZONES));
        Instant change = change(random, zone);
        Instant from = change.minus(random.nextInt(7 * 24 * 60), ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MINUTES);
        Instant to = from.plus(RANGE);
        List<Layer> layers = new ArrayList<>();
        for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
            layers.add(randomLayer(random, "layer" + i, from, zone, change));
        }
        List<ScheduleOverride> overrides = new ArrayList<>();
        for (int i = 0, n = random.nextInt(4); i < n; i++) {
            Instant start = minuteIn(random, from, to);
            overrides.add(new ScheduleOverride(start, start.plus(1 + random.nextInt(3000), ChronoUnit.MINUTES),
                    pick(random, STAFF), random.nextBoolean() ? null : pick(random, STAFF)));
        }
        List<TimeOff> timeOff = new ArrayList<>();
        for (int i = 0, n = random.nextInt(3); i < n; i++) {
            Instant start = minuteIn(random, from, to);
            timeOff.add(new TimeOff(pick(random, STAFF), start, start.plus(1 + random.nextInt(5000), ChronoUnit.MINUTES)));
        }
        return new Case(new Schedule("random", zone, layers, overrides, timeOff), from, to);
    }

    private static Layer randomLayer(Random random, String name, Instant from, ZoneId scheduleZone, Instant change) {
        ZoneId zone = random.nextBoolean() ? scheduleZone : ZoneId.of(pick(random, ZONES));
        LocalTime nearChange = LocalDateTime.ofInstant(change, zone).toLocalTime()
                .plusMinutes(random.nextInt(181) - 90).truncatedTo(ChronoUnit.MINUTES);
        List<String> members = new ArrayList<>();
        for (int i = 0, n = 1 + random.nextInt(4); i < n; i++) {
            members.add(pick(random, STAFF));
        }
        LocalDateTime start = LocalDateTime.ofInstant(from, zone).toLocalDate().minusDays(random.nextInt(30))
                .atTime(random.nextBoolean() ? nearChange : time(random));
        int days = pick(random, List.of(1, 1, 2, 3, 7, 14));
        List<Window> windows = new ArrayList<>();
        for (int i = 0, n = random.nextInt(3); i < n; i++) {
            EnumSet<DayOfWeek> on = EnumSet.noneOf(DayOfWeek.class);
            for (DayOfWeek day : DayOfWeek.values()) {
                if (random.nextInt(3) > 0) {
                    on.add(day);
                }
            }
            on.add(DayOfWeek.of(1 + random.nextInt(7)));
            windows.add(new Window(on, random.nextInt(4) == 0 ? nearChange : time(random), time(random)));
        }
        return new Layer(name, members, random.nextBoolean() ? null : zone, start, Period.ofDays(days),
                windows);
    }

    /** Midnight, a change hour (01:00-03:59) or any minute of the day, a third each. */
    private static LocalTime time(Random random) {
        return switch (random.nextInt(3)) {
            case 0 -> LocalTime.MIDNIGHT;
            case 1 -> LocalTime.of(1 + random.nextInt(3), pick(random, List.of(0, 15, 30, 45, random.nextInt(60))));
            default -> LocalTime.of(random.nextInt(24), random.nextInt(60));
        };
    }

    /** One of the zone's 2026-27 offset changes, or any minute of 2026-27 if it has none. */
    private static Instant change(Random random, ZoneId zone) {
        List<Instant> changes = new ArrayList<>();
        for (ZoneOffsetTransition t = zone.getRules().nextTransition(YEARS_START);
             t != null && t.getInstant().isBefore(YEARS_END); t = zone.getRules().nextTransition(t.getInstant())) {
            changes.add(t.getInstant());
        }
        if (changes.isEmpty()) {
            return minuteIn(random, YEARS_START, YEARS_END);
        }
        return pick(random, changes);
    }

    private static Instant minuteIn(Random random, Instant from, Instant to) {
        return from.plus(random.nextInt((int) Duration.between(from, to).toMinutes()), ChronoUnit.MINUTES);
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
