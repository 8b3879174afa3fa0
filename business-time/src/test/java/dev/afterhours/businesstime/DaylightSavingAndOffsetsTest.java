package dev.afterhours.businesstime;

import static dev.afterhours.businesstime.CalendarFixtures.in;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Daylight-saving days and odd offsets, worked out by hand from the tz rules of 2026: a window inside a skipped
 * hour contributes nothing, a window over a repeated hour counts it twice, also when the change is at midnight.
 */
class DaylightSavingAndOffsetsTest {

    private static Instant at(String instant) {
        return Instant.parse(instant);
    }

    @Test
    void new_york_spring_forward_shortens_a_sunday_window_and_skips_one_inside_the_gap() {
        // 2026-03-08: 02:00 EST -> 03:00 EDT. 01:00-04:00 local is 06:00Z-08:00Z: two real hours.
        SupportHours night = in("America/New_York").on("SUNDAY", "01:00-04:00").compile();
        assertThat(night.openTimeBetween(at("2026-03-08T00:00:00Z"), at("2026-03-09T00:00:00Z"))).isEqualTo(Duration.ofHours(2));
        assertThat(night.dueAt(at("2026-03-08T06:00:00Z"), Duration.ofHours(2))).isEqualTo(at("2026-03-08T08:00:00Z"));
        // One minute more runs into next Sunday, 01:00 EDT.
        assertThat(night.dueAt(at("2026-03-08T06:00:00Z"), Duration.ofMinutes(121))).isEqualTo(at("2026-03-15T05:01:00Z"));

        SupportHours gapOnly = in("America/New_York").on("SUNDAY", "02:00-03:00").compile();
        assertThat(gapOnly.nextOpenAt(at("2026-03-08T00:00:00Z"))).isEqualTo(at("2026-03-15T06:00:00Z"));
        assertThat(gapOnly.status(at("2026-03-08T07:00:00Z"))).isEqualTo(OpeningStatus.AFTER_HOURS);
    }

    @Test
    void new_york_fall_back_counts_the_repeated_hour_twice() {
        // 2026-11-01: 02:00 EDT -> 01:00 EST; 00:30-02:30 local lasts 3 real hours (04:30Z-07:30Z).
        SupportHours night = in("America/New_York").on("SUNDAY", "00:30-02:30").compile();
        assertThat(night.dueAt(at("2026-11-01T04:30:00Z"), Duration.ofHours(3))).isEqualTo(at("2026-11-01T07:30:00Z"));
        assertThat(night.isOpen(at("2026-11-01T06:30:00Z"))).isTrue(); // the second 01:30, EST
        assertThat(night.isOpen(at("2026-11-01T07:30:00Z"))).isFalse();
    }

    @Test
    void london_both_changes() {
        SupportHours sunday = in("Europe/London").on("SUNDAY", "00:00-03:00").compile();
        // 2026-03-29: 01:00 GMT -> 02:00 BST. 00:00Z to 03:00 BST (02:00Z).
        assertThat(sunday.openTimeBetween(at("2026-03-28T12:00:00Z"), at("2026-03-29T12:00:00Z"))).isEqualTo(Duration.ofHours(2));
        // 2026-10-25: 02:00 BST -> 01:00 GMT. 00:00 BST (23:00Z on the 24th) to 03:00 GMT.
        assertThat(sunday.openTimeBetween(at("2026-10-24T12:00:00Z"), at("2026-10-25T12:00:00Z"))).isEqualTo(Duration.ofHours(4));
        assertThat(sunday.nextOpenAt(at("2026-10-24T12:00:00Z"))).isEqualTo(at("2026-10-24T23:00:00Z"));
    }

    @Test
    void sydney_southern_hemisphere() {
        SupportHours sunday = in("Australia/Sydney").on("SUNDAY", "01:00-04:00").compile();
        // 2026-04-05: 03:00 AEDT -> 02:00 AEST: 01:00 AEDT (14:00Z) to 04:00 AEST (18:00Z), four hours.
        assertThat(sunday.openTimeBetween(at("2026-04-04T00:00:00Z"), at("2026-04-05T00:00:00Z"))).isEqualTo(Duration.ofHours(4));
        // 2026-10-04: 02:00 AEST -> 03:00 AEDT: 01:00 AEST (15:00Z) to 04:00 AEDT (17:00Z), two hours.
        assertThat(sunday.dueAt(at("2026-10-03T15:00:00Z"), Duration.ofMinutes(90))).isEqualTo(at("2026-10-03T16:30:00Z"));
        assertThat(sunday.openTimeBetween(at("2026-10-03T00:00:00Z"), at("2026-10-04T00:00:00Z"))).isEqualTo(Duration.ofHours(2));

        SupportHours office = in("Australia/Sydney").weekdays("09:00-17:00").compile();
        // Monday 2026-11-23 09:00 AEDT (+11) is 22:00Z on the 22nd.
        assertThat(office.nextOpenAt(at("2026-11-22T12:00:00Z"))).isEqualTo(at("2026-11-22T22:00:00Z"));
    }

    @Test
    void kolkata_half_hour_offset() {
        SupportHours office = in("Asia/Kolkata").weekdays("09:00-17:30").compile();
        // Monday 09:00 IST (+05:30) is 03:30Z; the whole day is used up exactly at 17:30 IST.
        assertThat(office.status(at("2026-11-23T03:29:59Z"))).isEqualTo(OpeningStatus.AFTER_HOURS);
        assertThat(office.status(at("2026-11-23T03:30:00Z"))).isEqualTo(OpeningStatus.IN_HOURS);
        assertThat(office.dueAt(at("2026-11-23T03:30:00Z"), Duration.ofMinutes(510))).isEqualTo(at("2026-11-23T12:00:00Z"));
    }

    @Test
    void st_johns_half_hour_offset_with_daylight_saving() {
        SupportHours office = in("America/St_Johns").weekdays("09:00-17:00").compile();
        // Winter, NST -03:30: 09:00 is 12:30Z.
        assertThat(office.dueAt(at("2026-11-23T12:30:00Z"), Duration.ofHours(1))).isEqualTo(at("2026-11-23T13:30:00Z"));
        // Summer, NDT -02:30 from 2026-03-08: Monday 09:00 is 11:30Z.
        assertThat(office.status(at("2026-03-09T11:29:59Z"))).isEqualTo(OpeningStatus.AFTER_HOURS);
        assertThat(office.nextOpenAt(at("2026-03-09T00:00:00Z"))).isEqualTo(at("2026-03-09T11:30:00Z"));
    }

    @Test
    void kathmandu_quarter_hour_offset() {
        SupportHours office = in("Asia/Kathmandu").weekdays("09:00-17:00").compile();
        // 03:00Z is 08:45 +05:45.
        Instant received = at("2026-11-23T03:00:00Z");
        assertThat(office.status(received)).isEqualTo(OpeningStatus.AFTER_HOURS);
        assertThat(office.nextOpenAt(received)).isEqualTo(at("2026-11-23T03:15:00Z"));
        assertThat(office.dueAt(received, Duration.ofMinutes(15))).isEqualTo(at("2026-11-23T03:30:00Z"));
    }

    @Test
    void santiago_clocks_go_back_at_midnight_so_saturday_late_hour_repeats() {
        // 2026-04-05 00:00 -03 (03:00Z) -> Saturday 23:00 -04. Saturday 23:00-24:00 is 02:00Z-04:00Z (twice),
        // Sunday 00:00-01:00 is 04:00Z-05:00Z.
        SupportHours late = in("America/Santiago").on("SATURDAY", "23:00-24:00").on("SUNDAY", "00:00-01:00").compile();
        assertThat(late.openTimeBetween(at("2026-04-04T12:00:00Z"), at("2026-04-05T12:00:00Z"))).isEqualTo(Duration.ofHours(3));
        assertThat(late.dueAt(at("2026-04-05T02:00:00Z"), Duration.ofMinutes(150))).isEqualTo(at("2026-04-05T04:30:00Z"));
        // With Saturday a holiday the repeated Saturday hour is closed too; Sunday opens at 04:00Z.
        SupportHours saturdayOff = in("America/Santiago").on("SATURDAY", "23:00-24:00").on("SUNDAY", "00:00-01:00")
                .holiday("2026-04-04").compile();
        assertThat(saturdayOff.status(at("2026-04-05T03:30:00Z"))).isEqualTo(OpeningStatus.HOLIDAY);
        assertThat(saturdayOff.nextOpenAt(at("2026-04-05T02:00:00Z"))).isEqualTo(at("2026-04-05T04:00:00Z"));
        assertThat(saturdayOff.openTimeBetween(at("2026-04-04T12:00:00Z"), at("2026-04-05T12:00:00Z"))).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void santiago_clocks_go_forward_at_midnight_so_sunday_starts_at_one() {
        // 2026-09-06 00:00 -04 (04:00Z) -> 01:00 -03. Saturday 23:00-24:00 is 03:00Z-04:00Z; Sunday 00:00-02:00
        // has only 01:00-02:00, 04:00Z-05:00Z.
        SupportHours late = in("America/Santiago").on("SATURDAY", "23:00-24:00").on("SUNDAY", "00:00-02:00").compile();
        assertThat(late.openTimeBetween(at("2026-09-05T12:00:00Z"), at("2026-09-06T12:00:00Z"))).isEqualTo(Duration.ofHours(2));
        assertThat(late.dueAt(at("2026-09-06T03:00:00Z"), Duration.ofHours(2))).isEqualTo(at("2026-09-06T05:00:00Z"));
    }

    @Test
    void havana_midnight_changes() {
        // 2026-11-01 01:00 -04 (05:00Z) -> 00:00 -05: Sunday 00:00-01:00 happens twice, 04:00Z-06:00Z.
        SupportHours sunday = in("America/Havana").on("SUNDAY", "00:00-01:00").compile();
        assertThat(sunday.openTimeBetween(at("2026-10-31T12:00:00Z"), at("2026-11-01T12:00:00Z"))).isEqualTo(Duration.ofHours(2));
        // 2026-03-08 00:00 -05 (05:00Z) -> 01:00 -04: Sunday 00:00-02:00 has only 01:00-02:00, 05:00Z-06:00Z.
        SupportHours early = in("America/Havana").on("SUNDAY", "00:00-02:00").compile();
        assertThat(early.nextOpenAt(at("2026-03-07T17:00:00Z"))).isEqualTo(at("2026-03-08T05:00:00Z"));
        assertThat(early.openTimeBetween(at("2026-03-07T12:00:00Z"), at("2026-03-08T12:00:00Z"))).isEqualTo(Duration.ofHours(1));
    }
}
