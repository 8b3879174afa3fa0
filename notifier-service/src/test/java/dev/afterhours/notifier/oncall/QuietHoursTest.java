package dev.afterhours.notifier.oncall;

import static org.assertj.core.api.Assertions.assertThat;

import dev.afterhours.contracts.DayOfWeek;
import dev.afterhours.contracts.QuietWindow;
import dev.afterhours.contracts.StaffMember;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuietHoursTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private static StaffMember alice(String from, String to) {
        return StaffMember.newBuilder().setStaffId("alice").setName("Alice").setZone("America/New_York")
                .setEmail("alice@agency.example").setQuietFrom(from).setQuietTo(to).build();
    }

    @Test
    void acrossMidnightInTheStaffMembersZone() {
        StaffMember alice = alice("21:00", "07:00");
        // January: New York is UTC-5.
        assertThat(QuietHours.isQuiet(alice, Instant.parse("2026-01-14T01:59:00Z"))).as("20:59 local").isFalse();
        assertThat(QuietHours.isQuiet(alice, Instant.parse("2026-01-14T02:00:00Z"))).as("21:00 local").isTrue();
        assertThat(QuietHours.isQuiet(alice, Instant.parse("2026-01-14T05:00:00Z"))).as("midnight local").isTrue();
        assertThat(QuietHours.isQuiet(alice, Instant.parse("2026-01-14T11:59:00Z"))).as("06:59 local").isTrue();
        assertThat(QuietHours.isQuiet(alice, Instant.parse("2026-01-14T12:00:00Z"))).as("07:00 local").isFalse();
        assertThat(QuietHours.isQuiet(alice, Instant.parse("2026-01-14T17:00:00Z"))).as("noon local").isFalse();
    }

    @Test
    void followsDaylightSavingTime() {
        StaffMember alice = alice("21:00", "07:00");
        // July: New York is UTC-4, so 01:30Z is 21:30 local (quiet), while in UTC terms it is the small hours.
        assertThat(QuietHours.isQuiet(alice, Instant.parse("2026-07-14T01:30:00Z"))).isTrue();
        assertThat(QuietHours.isQuiet(alice, Instant.parse("2026-07-14T11:30:00Z"))).as("07:30 local").isFalse();
    }

    @Test
    void theZoneDecidesNotUtc() {
        // 23:00 UTC is 08:00 the next morning in Tokyo: not quiet there, although it is night in UTC.
        StaffMember tokyo = StaffMember.newBuilder(alice("21:00", "07:00")).setZone("Asia/Tokyo").build();
        assertThat(QuietHours.isQuiet(tokyo, Instant.parse("2026-01-14T23:00:00Z"))).isFalse();
        assertThat(QuietHours.isQuiet(tokyo, Instant.parse("2026-01-14T13:00:00Z"))).as("22:00 Tokyo").isTrue();
    }

    @Test
    void windowWithinOneDay() {
        LocalTime from = LocalTime.of(12, 0);
        LocalTime to = LocalTime.of(13, 30);
        assertThat(QuietHours.isQuiet(from, to, NEW_YORK, Instant.parse("2026-01-14T16:59:00Z"))).isFalse();
        assertThat(QuietHours.isQuiet(from, to, NEW_YORK, Instant.parse("2026-01-14T17:00:00Z"))).isTrue();
        assertThat(QuietHours.isQuiet(from, to, NEW_YORK, Instant.parse("2026-01-14T18:29:00Z"))).isTrue();
        assertThat(QuietHours.isQuiet(from, to, NEW_YORK, Instant.parse("2026-01-14T18:30:00Z"))).isFalse();
    }

    @Test
    void noQuietHoursWithoutBothEndsOrWithEqualEnds() {
        StaffMember none = StaffMember.newBuilder().setStaffId("bob").setName("Bob").setZone("Europe/Berlin")
                .setEmail("bob@agency.example").build();
        assertThat(QuietHours.isQuiet(none, Instant.parse("2026-01-14T02:00:00Z"))).isFalse();
        assertThat(QuietHours.isQuiet(alice("22:00", "22:00"), Instant.parse("2026-01-14T03:00:00Z"))).isFalse();
    }

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static StaffMember weekly(String zone, QuietWindow... windows) {
        return StaffMember.newBuilder().setStaffId("carol").setName("Carol").setZone(zone)
                .setEmail("carol@agency.example").setQuietHours(List.of(windows)).build();
    }

    private static QuietWindow window(String from, String to, DayOfWeek... days) {
        return QuietWindow.newBuilder().setDays(List.of(days)).setFrom(from).setTo(to).build();
    }

    /** Weeknights 22:00-07:00 (Sunday to Thursday nights) and the whole weekend. */
    private static StaffMember weeknightsAndWeekend(String zone) {
        return weekly(zone,
                window("22:00", "07:00", DayOfWeek.SUNDAY, DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY),
                window("00:00", "00:00", DayOfWeek.SATURDAY, DayOfWeek.SUNDAY));
    }

    private static boolean quietAt(StaffMember staff, String localDateTime) {
        ZoneId zone = ZoneId.of(staff.getZone());
        return QuietHours.isQuiet(staff, LocalDateTime.parse(localDateTime).atZone(zone).toInstant());
    }

    @Test
    void aNightWindowBelongsToTheDayItStartsOn() {
        StaffMember carol = weeknightsAndWeekend("Europe/Berlin");
        // 2026-01-12 is a Monday.
        assertThat(quietAt(carol, "2026-01-12T21:59")).as("Monday 21:59").isFalse();
        assertThat(quietAt(carol, "2026-01-12T22:00")).as("Monday 22:00").isTrue();
        assertThat(quietAt(carol, "2026-01-13T06:59")).as("Tuesday 06:59, Monday's night").isTrue();
        assertThat(quietAt(carol, "2026-01-13T07:00")).as("Tuesday 07:00").isFalse();
        assertThat(quietAt(carol, "2026-01-13T12:00")).as("Tuesday noon").isFalse();
        // Friday night is not a weeknight here, but Saturday is the weekend.
        assertThat(quietAt(carol, "2026-01-16T06:30")).as("Friday 06:30, Thursday's night").isTrue();
        assertThat(quietAt(carol, "2026-01-16T23:00")).as("Friday 23:00").isFalse();
        assertThat(quietAt(carol, "2026-01-17T00:00")).as("Saturday 00:00").isTrue();
        assertThat(quietAt(carol, "2026-01-18T15:00")).as("Sunday afternoon").isTrue();
        assertThat(quietAt(carol, "2026-01-19T06:59")).as("Monday 06:59, Sunday's night").isTrue();
        assertThat(quietAt(carol, "2026-01-19T07:00")).as("Monday 07:00").isFalse();
    }

    @Test
    void aWindowWithinOneDayOnlyOnItsDays() {
        StaffMember carol = weekly("Europe/Berlin", window("12:00", "13:30", DayOfWeek.WEDNESDAY));
        assertThat(quietAt(carol, "2026-01-14T12:00")).as("Wednesday 12:00").isTrue();
        assertThat(quietAt(carol, "2026-01-14T13:30")).as("Wednesday 13:30").isFalse();
        assertThat(quietAt(carol, "2026-01-15T12:30")).as("Thursday 12:30").isFalse();
    }

    @Test
    void newYorkDstChangeDaysKeepTheWallClock() {
        StaffMember carol = weeknightsAndWeekend("America/New_York");
        // 2026-03-08 (Sunday): 02:00 EST -> 03:00 EDT. Saturday and Sunday are quiet all day, Monday from 07:00 not.
        assertThat(QuietHours.isQuiet(carol, Instant.parse("2026-03-08T06:59:00Z"))).as("01:59 EST").isTrue();
        assertThat(QuietHours.isQuiet(carol, Instant.parse("2026-03-08T07:00:00Z"))).as("03:00 EDT").isTrue();
        assertThat(QuietHours.isQuiet(carol, Instant.parse("2026-03-09T10:59:00Z"))).as("Monday 06:59 EDT").isTrue();
        assertThat(QuietHours.isQuiet(carol, Instant.parse("2026-03-09T11:00:00Z"))).as("Monday 07:00 EDT").isFalse();
        assertThat(QuietHours.isQuiet(carol, Instant.parse("2026-03-06T11:59:00Z"))).as("Friday 06:59 EST").isTrue();
        assertThat(QuietHours.isQuiet(carol, Instant.parse("2026-03-06T12:00:00Z"))).as("Friday 07:00 EST").isFalse();
        // A Sunday window across the change: 01:00-04:00 local is only two real hours that day.
        StaffMember early = weekly("America/New_York", window("01:00", "04:00", DayOfWeek.SUNDAY));
        assertThat(QuietHours.isQuiet(early, Instant.parse("2026-03-08T05:59:00Z"))).as("00:59 EST").isFalse();
        assertThat(QuietHours.isQuiet(early, Instant.parse("2026-03-08T06:00:00Z"))).as("01:00 EST").isTrue();
        assertThat(QuietHours.isQuiet(early, Instant.parse("2026-03-08T07:59:00Z"))).as("03:59 EDT, two real hours later").isTrue();
        assertThat(QuietHours.isQuiet(early, Instant.parse("2026-03-08T08:00:00Z"))).as("04:00 EDT").isFalse();
        // 2026-11-01 (Sunday): 02:00 EDT -> 01:00 EST. 01:00-04:00 then lasts four real hours, 01:30 twice quiet.
        assertThat(QuietHours.isQuiet(early, Instant.parse("2026-11-01T04:59:00Z"))).as("00:59 EDT").isFalse();
        assertThat(QuietHours.isQuiet(early, Instant.parse("2026-11-01T05:30:00Z"))).as("first 01:30 EDT").isTrue();
        assertThat(QuietHours.isQuiet(early, Instant.parse("2026-11-01T06:30:00Z"))).as("second 01:30 EST").isTrue();
        assertThat(QuietHours.isQuiet(early, Instant.parse("2026-11-01T08:59:00Z"))).as("03:59 EST").isTrue();
        assertThat(QuietHours.isQuiet(early, Instant.parse("2026-11-01T09:00:00Z"))).as("04:00 EST").isFalse();
    }

    @Test
    void berlinDstChangeDaysKeepTheWallClock() {
        // 2026-03-29 (Sunday): 02:00 CET -> 03:00 CEST. A Saturday night 22:00-07:00 is an hour shorter.
        StaffMember saturdayNights = weekly("Europe/Berlin", window("22:00", "07:00", DayOfWeek.SATURDAY));
        assertThat(QuietHours.isQuiet(saturdayNights, Instant.parse("2026-03-28T20:59:00Z"))).as("Sat 21:59 CET").isFalse();
        assertThat(QuietHours.isQuiet(saturdayNights, Instant.parse("2026-03-28T21:00:00Z"))).as("Sat 22:00 CET").isTrue();
        assertThat(QuietHours.isQuiet(saturdayNights, Instant.parse("2026-03-29T00:59:00Z"))).as("Sun 01:59 CET").isTrue();
        assertThat(QuietHours.isQuiet(saturdayNights, Instant.parse("2026-03-29T01:00:00Z"))).as("Sun 03:00 CEST").isTrue();
        assertThat(QuietHours.isQuiet(saturdayNights, Instant.parse("2026-03-29T04:59:00Z"))).as("Sun 06:59 CEST").isTrue();
        assertThat(QuietHours.isQuiet(saturdayNights, Instant.parse("2026-03-29T05:00:00Z"))).as("Sun 07:00 CEST").isFalse();
        // 2026-10-25 (Sunday): 03:00 CEST -> 02:00 CET. The night is an hour longer and still ends at 07:00 local.
        assertThat(QuietHours.isQuiet(saturdayNights, Instant.parse("2026-10-24T19:59:00Z"))).as("Sat 21:59 CEST").isFalse();
        assertThat(QuietHours.isQuiet(saturdayNights, Instant.parse("2026-10-24T20:00:00Z"))).as("Sat 22:00 CEST").isTrue();
        assertThat(QuietHours.isQuiet(saturdayNights, Instant.parse("2026-10-25T00:30:00Z"))).as("first 02:30 CEST").isTrue();
        assertThat(QuietHours.isQuiet(saturdayNights, Instant.parse("2026-10-25T01:30:00Z"))).as("second 02:30 CET").isTrue();
        assertThat(QuietHours.isQuiet(saturdayNights, Instant.parse("2026-10-25T05:59:00Z"))).as("Sun 06:59 CET").isTrue();
        assertThat(QuietHours.isQuiet(saturdayNights, Instant.parse("2026-10-25T06:00:00Z"))).as("Sun 07:00 CET").isFalse();
        // The legacy every-day window follows the same wall clock on the change days.
        StaffMember legacy = StaffMember.newBuilder(saturdayNights).setQuietHours(List.of()).setQuietFrom("22:00").setQuietTo("07:00").build();
        assertThat(QuietHours.isQuiet(legacy, Instant.parse("2026-03-29T04:59:00Z"))).as("06:59 CEST").isTrue();
        assertThat(QuietHours.isQuiet(legacy, Instant.parse("2026-10-25T06:00:00Z"))).as("07:00 CET").isFalse();
    }

    @Test
    void legacyWindowAndWeeklyWindowsAddUp() {
        StaffMember both = StaffMember.newBuilder(weekly("Europe/Berlin", window("00:00", "00:00", DayOfWeek.SUNDAY)))
                .setQuietFrom("23:00").setQuietTo("06:00").build();
        assertThat(QuietHours.isQuiet(both, LocalDateTime.parse("2026-01-14T23:30").atZone(BERLIN).toInstant())).as("legacy, Wednesday").isTrue();
        assertThat(QuietHours.isQuiet(both, LocalDateTime.parse("2026-01-18T12:00").atZone(BERLIN).toInstant())).as("weekly, Sunday").isTrue();
        assertThat(QuietHours.isQuiet(both, LocalDateTime.parse("2026-01-14T12:00").atZone(BERLIN).toInstant())).as("neither").isFalse();
        assertThat(QuietHours.quietWindow(both, LocalDateTime.parse("2026-01-18T12:00").atZone(BERLIN).toInstant()))
                .hasValue("[SUNDAY] 00:00-00:00 Europe/Berlin");
    }

    @Test
    void withoutAnyWindowTheZoneIsNotEvenRead() {
        // As before quietHours: a record with a zone the JDK does not know still gets paged when it has no quiet hours.
        StaffMember unknownZone = StaffMember.newBuilder().setStaffId("erin").setName("Erin").setZone("Mars/Olympus")
                .setEmail("erin@agency.example").build();
        assertThat(QuietHours.isQuiet(unknownZone, Instant.parse("2026-01-14T02:00:00Z"))).isFalse();
    }
}
