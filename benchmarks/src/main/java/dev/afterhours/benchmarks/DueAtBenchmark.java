package dev.afterhours.benchmarks;

import dev.afterhours.businesstime.BusinessCalendars;
import dev.afterhours.businesstime.NaiveSupportHours;
import dev.afterhours.businesstime.OpeningWindow;
import dev.afterhours.businesstime.SupportHours;
import dev.afterhours.businesstime.definition.CalendarDefinition;
import dev.afterhours.businesstime.definition.CalendarDefinition.HolidayDefinition;
import dev.afterhours.businesstime.definition.CalendarDefinition.WindowDefinition;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * dueAt on a Mon-Fri 09:00-17:30 America/New_York calendar with the US holidays of 2026-2027, for typical targets
 * (15 minutes, 4 hours, 2 business days = 17 hours), by the engine and by the naive minute-walking reference from
 * business-time's test tree, in the same run. Each call takes the next of 1024 received instants spread over
 * 2026-2027 (fixed seed), so that the JIT cannot fold the answer and both see in-hours, evening and weekend starts.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DueAtBenchmark {

    private static final ZoneId ZONE = ZoneId.of("America/New_York");
    private static final List<String> HOLIDAYS = List.of("2026-01-01", "2026-01-19", "2026-02-16", "2026-05-25",
            "2026-06-19", "2026-07-03", "2026-09-07", "2026-11-11", "2026-11-26", "2026-12-25", "2027-01-01",
            "2027-01-18", "2027-02-15", "2027-05-31", "2027-06-18", "2027-07-05", "2027-09-06", "2027-11-11",
            "2027-11-25", "2027-12-24", "2027-12-31");
    private static final Duration WALK_LIMIT = Duration.ofDays(60);

    /** 15 minutes, 4 hours, 2 business days of 8.5 hours. */
    @Param({"PT15M", "PT4H", "PT17H"})
    public String target;

    private Duration duration;
    private SupportHours engine;
    private NaiveSupportHours naive;
    private final Instant[] received = new Instant[1024];
    private int next;

    @Setup
    public void setUp() {
        duration = Duration.parse(target);
        Map<String, List<WindowDefinition>> hours = new HashMap<>();
        Map<DayOfWeek, List<OpeningWindow>> windows = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY)) {
            hours.put(day.name(), List.of(new WindowDefinition("09:00", "17:30")));
            windows.put(day, List.of(OpeningWindow.parse("09:00", "17:30")));
        }
        engine = BusinessCalendars.compile(new CalendarDefinition(ZONE.getId(), hours,
                HOLIDAYS.stream().<HolidayDefinition>map(HolidayDefinition.Date::new).toList(), List.of()));
        Set<LocalDate> dates = HOLIDAYS.stream().map(LocalDate::parse).collect(Collectors.toSet());
        naive = new NaiveSupportHours(ZONE, windows, dates);
        SplittableRandom random = new SplittableRandom(42);
        long from = Instant.parse("2026-01-01T00:00:00Z").getEpochSecond();
        long to = Instant.parse("2027-12-15T00:00:00Z").getEpochSecond();
        for (int i = 0; i < received.length; i++) {
            received[i] = Instant.ofEpochSecond(random.nextLong(from, to));
            // Both must agree, or the comparison means nothing.
            if (!engine.dueAt(received[i], duration).equals(naive.dueAt(received[i], duration, WALK_LIMIT))) {
                throw new IllegalStateException("engine and reference disagree at " + received[i]);
            }
        }
    }

    private Instant nextReceived() {
        Instant instant = received[next];
        next = (next + 1) & (received.length - 1);
        return instant;
    }

    @Benchmark
    public Instant engine() {
        return engine.dueAt(nextReceived(), duration);
    }

    @Benchmark
    public Instant naive() {
        return naive.dueAt(nextReceived(), duration, WALK_LIMIT);
    }
}
