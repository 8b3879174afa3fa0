package dev.afterhours.businesstime.schedule;

import static java.time.DayOfWeek.FRIDAY;
import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.SATURDAY;
import static java.time.DayOfWeek.SUNDAY;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Layered, restricted, overridden, time-off and follow-the-sun schedules against the minute-by-minute reference
 * over seven weeks around each of the 2026-27 changes: autumn 2026 (Sydney starts DST 4 October, Berlin ends it
 * 25 October, New York 1 November) and spring 2027 (New York starts 14 March, Berlin 28 March, Sydney ends it
 * 4 April). Asia/Kathmandu (+05:45, no DST) runs over the same ranges.
 */
class ScheduleDaylightSavingTest {

    private static final Instant AUTUMN_2026 = Instant.parse("2026-09-21T00:00:00Z");
    private static final Instant SPRING_2027 = Instant.parse("2027-03-01T00:00:00Z");
    private static final int WEEKS = 7;

    static Stream<Arguments> layeredSchedules() {
        return Stream.of("America/New_York", "Europe/Berlin", "Australia/Sydney", "Asia/Kathmandu")
                .flatMap(zone -> Stream.of(Arguments.of(zone, AUTUMN_2026), Arguments.of(zone, SPRING_2027)));
    }

    /**
     * A weekly Monday 09:00 base rotation; a daily rotation handing off at 02:30 (inside every change hour here)
     * restricted to weeknights 18:00-09:00; a weekend layer restricted to 02:30-04:00 (on a spring-forward Sunday it
     * opens at the jump, 03:00) and 23:00-01:00; overrides with and without {@code covered}, one just after a
     * change, one over it; time off of a base and a night member.
     */
    static Schedule layered(ZoneId zone, Instant from) {
        LocalDateTime start = LocalDateTime.ofInstant(from, zone).minusDays(10).withHour(0).withMinute(0);
        Layer base = new Layer("base", List.of("ann", "bob", "cat"), start.with(MONDAY).withHour(9), Period.ofWeeks(1));
        Layer nights = new Layer("nights", List.of("dan", "eve"), start.withHour(2).withMinute(30), 1)
                .restrictedTo(Window.of(EnumSet.range(MONDAY, FRIDAY), "18:00", "09:00"));
        Layer weekend = new Layer("weekend", List.of("fay", "gus", "hal"), start.withHour(23), 3)
                .restrictedTo(Window.of(EnumSet.of(SATURDAY, SUNDAY), "02:30", "04:00"),
                        Window.of(EnumSet.of(FRIDAY, SATURDAY, SUNDAY), "23:00", "01:00"));
        Instant change = firstTransitionOrMidRange(zone, from);
        return new Schedule("layered-" + zone, zone, List.of(base, nights, weekend),
                List.of(new ScheduleOverride(change.plusSeconds(2 * 3600), change.plusSeconds(5 * 3600), "ivy"),
                        new ScheduleOverride(change.minusSeconds(86_400), change.plusSeconds(3 * 86_400), "jay", "dan"),
                        new ScheduleOverride(from.plusSeconds(20 * 86_400 + 600), from.plusSeconds(20 * 86_400 + 4200),
                                "kim", "bob")),
                List.of(new TimeOff("ann", from.plusSeconds(3 * 86_400), from.plusSeconds(12 * 86_400 + 1800)),
                        new TimeOff("eve", change.minusSeconds(7200), change.plusSeconds(7 * 86_400))));
    }

    private static Instant firstTransitionOrMidRange(ZoneId zone, Instant from) {
        var transition = zone.getRules().nextTransition(from);
        Instant mid = from.plusSeconds(WEEKS * 7 * 86_400 / 2);
        return transition == null || transition.getInstant().isAfter(from.plusSeconds(WEEKS * 7 * 86_400))
                ? mid : transition.getInstant();
    }

    @ParameterizedTest(name = "{0} from {1}")
    @MethodSource("layeredSchedules")
    void layeredRestrictedOverriddenAndTimeOffAgreeWithTheReferenceEveryMinute(String zone, Instant from) {
        Schedule schedule = layered(ZoneId.of(zone), from);
        List<Entry> entries = ReferenceCheck.assertAgreesEveryMinute(schedule, from, from.plusSeconds(WEEKS * 7 * 86_400L));
        assertThat(entries).extracting(Entry::source).contains(new Source.OfOverride(0), new Source.OfOverride(1),
                new Source.OfLayer(0, "base"), new Source.OfLayer(1, "nights"), new Source.OfLayer(2, "weekend"));
    }

    static Stream<Instant> ranges() {
        return Stream.of(AUTUMN_2026, SPRING_2027);
    }

    /**
     * Four regions, each 07:00-17:00 on its own weekdays in its own zone, with a weekend layer in UTC below them:
     * the seams between regions move by an hour at each change, on different dates in each hemisphere.
     */
    @ParameterizedTest(name = "from {0}")
    @MethodSource("ranges")
    void followTheSunAgreesWithTheReferenceEveryMinute(Instant from) {
        Window office = Window.of(EnumSet.range(MONDAY, FRIDAY), "07:00", "17:00");
        LocalDateTime start = LocalDateTime.parse("2026-08-03T08:00");
        Schedule schedule = new Schedule("sun", ZoneId.of("UTC"), List.of(
                new Layer("weekend", List.of("wes", "wyn"), start, 7)
                        .restrictedTo(Window.of(EnumSet.of(SATURDAY, SUNDAY), "00:00", "24:00")),
                new Layer("sydney", List.of("sam", "sue"), start, 7).inZone(ZoneId.of("Australia/Sydney")).restrictedTo(office),
                new Layer("kathmandu", List.of("kai"), start, 7).inZone(ZoneId.of("Asia/Kathmandu")).restrictedTo(office),
                new Layer("berlin", List.of("bea", "ben"), start, 14).inZone(ZoneId.of("Europe/Berlin")).restrictedTo(office),
                new Layer("new-york", List.of("nat", "ned"), start, 7).inZone(ZoneId.of("America/New_York"))
                        .restrictedTo(office)),
                List.of(new ScheduleOverride(from.plusSeconds(15 * 86_400), from.plusSeconds(15 * 86_400 + 7200), "zed", "bea")),
                List.of(new TimeOff("sue", from.plusSeconds(9 * 86_400), from.plusSeconds(17 * 86_400))));
        List<Entry> entries = ReferenceCheck.assertAgreesEveryMinute(schedule, from, from.plusSeconds(WEEKS * 7 * 86_400L));
        assertThat(entries).extracting(Entry::staffId).contains("sam", "kai", "bea", "nat", "wes");
        assertThat(CoverageGaps.find(schedule, from, from.plusSeconds(WEEKS * 7 * 86_400L))).isNotEmpty();
    }
}
