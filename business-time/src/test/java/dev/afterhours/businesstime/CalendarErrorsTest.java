package dev.afterhours.businesstime;

import static dev.afterhours.businesstime.CalendarFixtures.in;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.afterhours.businesstime.definition.CalendarDefinition;
import dev.afterhours.businesstime.definition.InvalidCalendarException;
import dev.afterhours.businesstime.definition.InvalidCalendarException.Problem;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** Every rejected calendar and every rejected question names its field and the problem. */
class CalendarErrorsTest {

    private static final Instant MONDAY = Instant.parse("2026-11-23T15:00:00Z");

    private static List<Problem> problems(ThrowingCallable call) {
        InvalidCalendarException e = catchThrowableOfType(InvalidCalendarException.class, call);
        assertThat(e).as("an InvalidCalendarException").isNotNull();
        return e.problems();
    }

    private static List<Problem> compileProblems(CalendarFixtures calendar) {
        return problems(calendar::compile);
    }

    @Test
    void zone_must_be_known_and_present() {
        assertThat(compileProblems(in("Mars/Olympus").weekdays("09:00-17:00")))
                .containsExactly(new Problem("calendar.zone", "unknown zone 'Mars/Olympus'"));
        assertThat(problems(() -> BusinessCalendars.compile(new CalendarDefinition(null, Map.of(), null, null))))
                .extracting(Problem::field).containsExactly("calendar.zone");
    }

    @Test
    void from_must_be_before_to() {
        assertThat(compileProblems(in("UTC").on("MONDAY", "09:00-17:00", "18:00-18:00").on("TUESDAY", "17:00-09:00")))
                .extracting(Problem::field).containsExactly("calendar.hours.MONDAY[1].to", "calendar.hours.TUESDAY[0].to");
        assertThat(compileProblems(in("UTC").on("MONDAY", "17:00-09:00")).getFirst().message()).contains("must be after from");
    }

    @Test
    void overlapping_windows_are_rejected() {
        List<Problem> problems = compileProblems(in("UTC").on("WEDNESDAY", "09:00-12:00", "11:00-13:00"));
        assertThat(problems).extracting(Problem::field).containsExactly("calendar.hours.WEDNESDAY[1]");
        assertThat(problems.getFirst().message()).contains("overlaps WEDNESDAY[0] 09:00-12:00");
        // Touching windows are fine.
        in("UTC").on("WEDNESDAY", "09:00-12:00", "12:00-13:00").compile();
    }

    @Test
    void times_must_be_on_the_minute_as_hh_mm() {
        List<Problem> problems = compileProblems(in("UTC").on("MONDAY", "09:00:30-17:00", "9:5-10:00").on("FRIDAY", "08:00-25:00"));
        assertThat(problems).extracting(Problem::field).containsExactly(
                "calendar.hours.FRIDAY[0].to", "calendar.hours.MONDAY[0].from", "calendar.hours.MONDAY[1].from");
        assertThat(problems.get(1).message()).isEqualTo("'09:00:30' is not on the minute: use HH:mm");
        assertThat(problems.get(2).message()).isEqualTo("'9:5' is not a time of day as HH:mm");
        assertThat(compileProblems(in("UTC").on("MONDAY", "24:00-24:00"))).extracting(Problem::field)
                .containsExactly("calendar.hours.MONDAY[0].from");
    }

    @Test
    void day_names_are_the_seven_day_of_week_names() {
        assertThat(compileProblems(in("UTC").on("FUNDAY", "09:00-10:00"))).extracting(Problem::field)
                .containsExactly("calendar.hours.FUNDAY");
    }

    @Test
    void holiday_countries_regions_and_dates_must_exist() {
        List<Problem> problems = compileProblems(in("UTC").weekdays("09:00-17:00")
                .holiday("2026-12-25").holiday("Christmas").country("XX", null).country("US", "zz").country(null, null));
        assertThat(problems).extracting(Problem::field).containsExactly("calendar.holidays[1]",
                "calendar.holidays[2].country", "calendar.holidays[3].region", "calendar.holidays[4].country");
        assertThat(problems.get(1).message()).isEqualTo("unknown holiday country 'XX'");
        assertThat(problems.get(2).message()).startsWith("unknown region 'zz' of US");
    }

    @Test
    void closures_must_be_ordered_local_date_times_on_the_minute() {
        List<Problem> problems = compileProblems(in("UTC").weekdays("09:00-17:00")
                .closed("2026-12-24T12:00", "2026-12-24T11:00").closed("tomorrow", "2026-12-24T11:00")
                .closed("2026-12-24T12:00:30", "2026-12-25T00:00"));
        assertThat(problems).extracting(Problem::field).containsExactly("calendar.closures[0].to",
                "calendar.closures[1].from", "calendar.closures[2].from");
        // Seconds of zero are on the minute.
        in("UTC").weekdays("09:00-17:00").closed("2026-12-24T12:00:00", "2026-12-25T00:00").compile();
    }

    @Test
    void every_problem_is_reported_at_once() {
        assertThat(compileProblems(in("Nowhere/Else").on("MONDAY", "10:00-09:00").country("XX", null)))
                .extracting(Problem::field)
                .containsExactly("calendar.zone", "calendar.hours.MONDAY[0].to", "calendar.holidays[0].country");
    }

    @Test
    void questions_are_checked_too() {
        SupportHours office = in("America/New_York").weekdays("09:00-17:00").compile();
        assertThat(problems(() -> office.dueAt(MONDAY, Duration.ofMinutes(-1)))).extracting(Problem::field).containsExactly("target");
        assertThat(problems(() -> office.openTimeBetween(MONDAY, MONDAY.minusSeconds(1)))).extracting(Problem::field).containsExactly("from");
        assertThat(problems(() -> office.dueSeries(MONDAY, Duration.ofHours(1), 0, Duration.ofHours(1)))).extracting(Problem::field).containsExactly("count");
        assertThat(problems(() -> office.dueSeries(MONDAY, Duration.ofHours(1), 1001, Duration.ofHours(1)))).extracting(Problem::field).containsExactly("count");
        assertThat(problems(() -> office.dueSeries(MONDAY, Duration.ZERO, 5, Duration.ofHours(1)))).extracting(Problem::field).containsExactly("every");
        assertThat(problems(() -> office.dueSeries(MONDAY, Duration.ofDays(365 * 9000), 3, Duration.ofHours(1)))).extracting(Problem::field).containsExactly("every");
        assertThat(office.dueSeries(MONDAY, Duration.ofMinutes(1), 1000, Duration.ofHours(1))).hasSize(1000);
        // Instants far beyond any calendar are rejected, not overflowed.
        assertThat(problems(() -> office.dueAt(Instant.MAX, Duration.ofHours(1)))).extracting(Problem::field).containsExactly("receivedAt");
        assertThat(problems(() -> office.nextOpenAt(Instant.MIN))).extracting(Problem::field).containsExactly("receivedAt");
        assertThat(problems(() -> office.openTimeBetween(MONDAY, Instant.MAX))).extracting(Problem::field).containsExactly("to");
    }

    @Test
    void a_calendar_without_open_time_is_an_error_when_a_due_time_is_asked() {
        SupportHours never = in("UTC").compile();
        assertThat(never.status(MONDAY)).isEqualTo(OpeningStatus.WEEKEND);
        assertThat(problems(() -> never.dueAt(MONDAY, Duration.ofHours(1)))).containsExactly(
                new Problem("calendar.hours", "the calendar has no open time at all"));
        assertThat(problems(() -> never.nextOpenAt(MONDAY))).extracting(Problem::field).containsExactly("calendar.hours");
        // A zero target needs no open time.
        assertThat(never.dueAt(MONDAY, Duration.ZERO)).isEqualTo(MONDAY);
    }

    @Test
    void a_due_time_more_than_five_years_ahead_is_an_error_not_a_hang() {
        // One minute a week: five years hold about 261 minutes.
        SupportHours rare = in("UTC").on("MONDAY", "09:00-09:01").compile();
        assertThat(rare.dueAt(MONDAY, Duration.ofMinutes(200))).isBefore(MONDAY.plus(SupportHours.HORIZON));
        assertThat(problems(() -> rare.dueAt(MONDAY, Duration.ofMinutes(300)))).extracting(Problem::field).containsExactly("target");
        assertThat(problems(() -> rare.dueAt(MONDAY, Duration.ofDays(3650)))).extracting(Problem::field).containsExactly("target");
        // Windows, but closed for longer than the horizon.
        SupportHours shut = in("UTC").weekdays("09:00-17:00").closed("2026-01-01T00:00", "2040-01-01T00:00").compile();
        assertThat(problems(() -> shut.nextOpenAt(MONDAY))).extracting(Problem::field).containsExactly("calendar.hours");
        assertThat(problems(() -> shut.dueAt(MONDAY, Duration.ofMinutes(1)))).extracting(Problem::field).containsExactly("target");
    }

    @Test
    void invalid_calendar_exception_stays_an_illegal_argument_exception() {
        assertThat(new InvalidCalendarException("target", "x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("target: x");
    }
}
