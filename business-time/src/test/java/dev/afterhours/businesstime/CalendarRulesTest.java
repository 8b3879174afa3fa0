package dev.afterhours.businesstime;

import static dev.afterhours.businesstime.CalendarFixtures.in;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Holidays (explicit and public), closures, split shifts, 24:00, edges and seconds, series. */
class CalendarRulesTest {

    private static Instant at(String instant) {
        return Instant.parse(instant);
    }

    @Test
    void an_explicit_holiday_on_a_weekday_is_skipped() {
        SupportHours office = in("America/New_York").weekdays("09:00-17:00").holiday("2026-12-25").compile();
        // Thursday 2026-12-24 16:00 EST: 1h left that day, Friday is Christmas, so 3 more hours on Monday.
        assertThat(office.dueAt(at("2026-12-24T21:00:00Z"), Duration.ofHours(4))).isEqualTo(at("2026-12-28T17:00:00Z"));
        assertThat(office.status(at("2026-12-25T15:00:00Z"))).isEqualTo(OpeningStatus.HOLIDAY);
    }

    @Test
    void a_holiday_on_a_weekend_day_reports_holiday_and_closes_a_seven_day_calendar() {
        SupportHours weekdaysOnly = in("Europe/Berlin").weekdays("09:00-17:00").holiday("2026-12-26").compile();
        // Saturday: a holiday before it is a weekend.
        assertThat(weekdaysOnly.status(at("2026-12-26T12:00:00Z"))).isEqualTo(OpeningStatus.HOLIDAY);
        assertThat(weekdaysOnly.status(at("2026-12-27T12:00:00Z"))).isEqualTo(OpeningStatus.WEEKEND);

        SupportHours everyDay = in("Europe/Berlin").weekdays("09:00-17:00").on("SATURDAY", "10:00-14:00")
                .on("SUNDAY", "10:00-14:00").holiday("2026-12-26").compile();
        assertThat(everyDay.isOpen(at("2026-12-26T11:00:00Z"))).isFalse();
        assertThat(everyDay.nextOpenAt(at("2026-12-26T08:00:00Z"))).isEqualTo(at("2026-12-27T09:00:00Z"));
    }

    @Test
    void us_public_holidays_come_from_the_country() {
        SupportHours office = in("America/New_York").weekdays("09:00-17:30").country("US", null).compile();
        // Thanksgiving, Thursday 2026-11-26.
        assertThat(office.status(at("2026-11-26T15:00:00Z"))).isEqualTo(OpeningStatus.HOLIDAY);
        assertThat(office.status(at("2026-11-25T15:00:00Z"))).isEqualTo(OpeningStatus.IN_HOURS);
        // Wednesday 17:00 EST: 30 minutes left, Thursday off, Friday 09:00 + 30 minutes.
        assertThat(office.dueAt(at("2026-11-25T22:00:00Z"), Duration.ofHours(1))).isEqualTo(at("2026-11-27T14:30:00Z"));
        // Lowercase region ids and country codes are accepted; Columbus Day is a New York holiday.
        SupportHours newYork = in("America/New_York").weekdays("09:00-17:30").country("us", "NY").compile();
        assertThat(newYork.status(at("2026-10-12T15:00:00Z"))).isEqualTo(OpeningStatus.HOLIDAY);
        assertThat(office.status(at("2026-10-12T15:00:00Z"))).isEqualTo(OpeningStatus.IN_HOURS);
    }

    @Test
    void german_region_holidays_apply_only_in_their_region() {
        // Epiphany, Tuesday 2026-01-06, is a holiday in Bavaria, not in Berlin; Berlin has Women's Day (2026-03-08, a Sunday).
        SupportHours bavaria = in("Europe/Berlin").weekdays("08:30-12:00", "13:00-17:00").country("DE", "by").compile();
        SupportHours berlin = in("Europe/Berlin").weekdays("08:30-12:00", "13:00-17:00").country("DE", "be").compile();
        Instant epiphanyMorning = at("2026-01-06T09:00:00Z");
        assertThat(bavaria.status(epiphanyMorning)).isEqualTo(OpeningStatus.HOLIDAY);
        assertThat(berlin.status(epiphanyMorning)).isEqualTo(OpeningStatus.IN_HOURS);
        assertThat(bavaria.nextOpenAt(epiphanyMorning)).isEqualTo(at("2026-01-07T07:30:00Z"));
        assertThat(berlin.status(at("2026-03-08T09:00:00Z"))).isEqualTo(OpeningStatus.HOLIDAY);
    }

    @Test
    void split_shifts_skip_the_lunch_break() {
        SupportHours office = in("Europe/Berlin").weekdays("08:30-12:00", "13:00-17:00").compile();
        // Monday 2026-11-23 11:30 CET (10:30Z): 30 minutes before lunch, 30 after.
        assertThat(office.dueAt(at("2026-11-23T10:30:00Z"), Duration.ofHours(1))).isEqualTo(at("2026-11-23T12:30:00Z"));
        assertThat(office.status(at("2026-11-23T11:30:00Z"))).isEqualTo(OpeningStatus.AFTER_HOURS);
        assertThat(office.nextOpenAt(at("2026-11-23T11:30:00Z"))).isEqualTo(at("2026-11-23T12:00:00Z"));
    }

    @Test
    void a_night_shift_runs_to_24_00_and_on_past_midnight() {
        SupportHours nights = in("UTC").on("FRIDAY", "18:00-24:00").on("SATURDAY", "00:00-06:00").compile();
        // Friday 2026-11-27 23:00: one hour to midnight, then Saturday's window continues without a gap.
        assertThat(nights.dueAt(at("2026-11-27T23:00:00Z"), Duration.ofHours(3))).isEqualTo(at("2026-11-28T02:00:00Z"));
        assertThat(nights.isOpen(at("2026-11-27T23:59:59Z"))).isTrue();
        assertThat(nights.isOpen(at("2026-11-28T00:00:00Z"))).isTrue();
        assertThat(nights.isOpen(at("2026-11-28T06:00:00Z"))).isFalse();
        // A target used up exactly at 24:00 is due at midnight, not the next opening.
        SupportHours fridays = in("UTC").on("FRIDAY", "18:00-24:00").compile();
        assertThat(fridays.dueAt(at("2026-11-27T23:00:00Z"), Duration.ofHours(1))).isEqualTo(at("2026-11-28T00:00:00Z"));
    }

    @Test
    void targets_ending_on_a_window_edge_are_due_at_the_edge_and_seconds_are_kept() {
        SupportHours office = in("America/New_York").weekdays("09:00-17:30").compile();
        Instant mondayNine = at("2026-11-23T14:00:00Z");
        assertThat(office.dueAt(mondayNine, Duration.ofMinutes(510))).isEqualTo(at("2026-11-23T22:30:00Z"));
        assertThat(office.dueAt(mondayNine, Duration.ofMinutes(510).plusSeconds(1))).isEqualTo(at("2026-11-24T14:00:01Z"));
        assertThat(office.dueAt(mondayNine, Duration.ZERO)).isEqualTo(mondayNine);
        // 17:14:05 EST: 15m55s left on Monday, 3h44m05s from Tuesday 09:00.
        Instant received = at("2026-11-23T22:14:05Z");
        assertThat(office.dueAt(received, Duration.ofHours(4))).isEqualTo(at("2026-11-24T17:44:05Z"));
        assertThat(office.dueAt(received, Duration.ofSeconds(955))).isEqualTo(at("2026-11-23T22:30:00Z"));
        assertThat(office.openTimeBetween(received, at("2026-11-24T17:44:05Z"))).isEqualTo(Duration.ofHours(4));
        // Closed at 17:30:00 sharp, received after hours: the clock starts at the next opening.
        assertThat(office.isOpen(at("2026-11-23T22:30:00Z"))).isFalse();
        assertThat(office.isOpen(at("2026-11-23T22:29:59.999Z"))).isTrue();
        assertThat(office.dueAt(at("2026-11-23T23:00:30Z"), Duration.ofMinutes(15))).isEqualTo(at("2026-11-24T14:15:00Z"));
        // Nanoseconds survive too.
        assertThat(office.dueAt(at("2026-11-23T22:29:59.5Z"), Duration.ofSeconds(1))).isEqualTo(at("2026-11-24T14:00:00.5Z"));
    }

    @Test
    void closures_are_local_date_time_ranges() {
        SupportHours office = in("America/New_York").weekdays("09:00-17:00")
                .closed("2026-12-24T12:00", "2026-12-28T00:00").compile();
        // Thursday 10:00 EST: two hours until the closure at noon, the rest from Monday 09:00.
        assertThat(office.dueAt(at("2026-12-24T15:00:00Z"), Duration.ofHours(4))).isEqualTo(at("2026-12-28T16:00:00Z"));
        assertThat(office.status(at("2026-12-24T18:00:00Z"))).isEqualTo(OpeningStatus.HOLIDAY);
        assertThat(office.status(at("2026-12-24T16:59:59Z"))).isEqualTo(OpeningStatus.IN_HOURS);
        assertThat(office.nextOpenAt(at("2026-12-24T17:00:00Z"))).isEqualTo(at("2026-12-28T14:00:00Z"));
        // Status outside windows inside a closure is HOLIDAY too (Saturday).
        assertThat(office.status(at("2026-12-26T15:00:00Z"))).isEqualTo(OpeningStatus.HOLIDAY);
    }

    @Test
    void open_time_between_and_due_series() {
        SupportHours office = in("America/New_York").weekdays("09:00-17:30").holiday("2026-11-26").compile();
        // Monday to Monday: four working days (Thanksgiving off) of 8.5 hours.
        assertThat(office.openTimeBetween(at("2026-11-23T05:00:00Z"), at("2026-11-30T05:00:00Z"))).isEqualTo(Duration.ofHours(34));
        assertThat(office.openTimeBetween(at("2026-11-23T15:00:00Z"), at("2026-11-23T15:00:00Z"))).isZero();
        List<Instant> series = office.dueSeries(at("2026-11-25T20:00:00Z"), Duration.ofHours(1), 3, Duration.ofHours(2));
        // Wednesday 15:00, 16:00, 17:00 EST with 2 business hours each.
        assertThat(series).containsExactly(at("2026-11-25T22:00:00Z"), at("2026-11-27T14:30:00Z"), at("2026-11-27T15:30:00Z"));
    }

    @Test
    void two_business_days_span_a_weekend() {
        SupportHours office = in("America/New_York").weekdays("09:00-17:30").compile();
        // Friday 2026-11-27 12:00 EST + 17 business hours: 5.5 Friday, 8.5 Monday, 3 on Tuesday -> 12:00 EST.
        assertThat(office.dueAt(at("2026-11-27T17:00:00Z"), Duration.ofHours(17))).isEqualTo(at("2026-12-01T17:00:00Z"));
    }
}
