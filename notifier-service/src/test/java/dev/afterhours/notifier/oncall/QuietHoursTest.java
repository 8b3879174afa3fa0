package dev.afterhours.notifier.oncall;

import static org.assertj.core.api.Assertions.assertThat;

import dev.afterhours.contracts.StaffMember;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
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
}
