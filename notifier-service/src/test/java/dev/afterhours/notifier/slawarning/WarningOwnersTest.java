package dev.afterhours.notifier.slawarning;

import static org.assertj.core.api.Assertions.assertThat;

import dev.afterhours.contracts.ClientProfile;
import dev.afterhours.contracts.DayOfWeek;
import dev.afterhours.contracts.EscalationLevel;
import dev.afterhours.contracts.StaffMember;
import dev.afterhours.contracts.StaffTimeOff;
import dev.afterhours.contracts.SupportCalendar;
import dev.afterhours.contracts.Urgency;
import dev.afterhours.contracts.WeeklyWindow;
import dev.afterhours.contracts.WorkingWindow;
import dev.afterhours.notifier.oncall.RecipientResolver;
import dev.afterhours.notifier.oncall.Recipients;
import dev.afterhours.notifier.oncall.TestDirectory;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Who owns an SLA at a moment. Acme Shop: New York, Mon-Fri 09:00-17:30; account manager alice; on call in the
 * agency's rotation: carol. Fixed dates are fine here: nothing runs on the wall clock.
 */
class WarningOwnersTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    /** Monday 7 December 2026. */
    private static final ZonedDateTime MONDAY = ZonedDateTime.of(2026, 12, 7, 0, 0, 0, 0, NEW_YORK);

    private final TestDirectory directory = new TestDirectory()
            .rotation("agency", Instant.parse("2026-03-01T00:00:00Z"), "P365D", "carol")
            .policy("default", EscalationLevel.newBuilder().setRotationId("agency").setAckTimeout("PT15M").build());

    private static ClientProfile acme() {
        List<WeeklyWindow> windows = new ArrayList<>();
        for (DayOfWeek day : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
                DayOfWeek.FRIDAY)) {
            windows.add(new WeeklyWindow(day, "09:00", "17:30"));
        }
        ClientProfile client = TestDirectory.client("acme", "Acme Shop", "alice", "default");
        client.setCalendar(SupportCalendar.newBuilder().setZone("America/New_York").setWindows(windows).build());
        return client;
    }

    private Recipients ownerAt(ZonedDateTime at) {
        return new WarningOwners(directory, new RecipientResolver(directory, null)).ownerOf("acme", Urgency.HIGH, at.toInstant());
    }

    @Test
    void theAccountManagerInTheClientsHoursTheOnCallPersonOutsideThem() {
        directory.add(acme()).add(TestDirectory.person("alice", null, null)).add(TestDirectory.person("carol", null, null));

        assertThat(ownerAt(MONDAY.withHour(10)).staffIds()).as("Monday 10:00").containsExactly("alice");
        assertThat(ownerAt(MONDAY.withHour(10)).rule()).contains("account manager");
        assertThat(ownerAt(MONDAY.withHour(8).withMinute(59)).staffIds()).as("Monday 08:59").containsExactly("carol");
        assertThat(ownerAt(MONDAY.minusDays(2).withHour(12)).staffIds()).as("Saturday noon").containsExactly("carol");
        assertThat(ownerAt(MONDAY.minusDays(2).withHour(12)).rule()).startsWith("outside the account manager's working hours");
        assertThat(ownerAt(MONDAY.withHour(17).withMinute(30)).staffIds()).as("Monday 17:30, closed").containsExactly("carol");
    }

    @Test
    void thePersonsOwnWorkingHoursInTheirZoneWinOverTheClientsCalendar() {
        // alice works from Berlin, Monday 08:00-14:00 Berlin time: 02:00-08:00 in New York.
        StaffMember alice = TestDirectory.person("alice", null, null);
        alice.setZone("Europe/Berlin");
        alice.setWorkingHours(List.of(new WorkingWindow(DayOfWeek.MONDAY, "08:00", "14:00")));
        directory.add(acme()).add(alice).add(TestDirectory.person("carol", null, null));

        assertThat(ownerAt(MONDAY.withHour(3)).staffIds()).as("03:00 New York, 09:00 Berlin").containsExactly("alice");
        assertThat(ownerAt(MONDAY.withHour(10)).staffIds()).as("10:00 New York, 16:00 Berlin").containsExactly("carol");
    }

    @Test
    void anAccountManagerOnTimeOffHandsTheWarningToOnCall() {
        StaffMember alice = TestDirectory.person("alice", null, null);
        alice.setTimeOff(List.of(new StaffTimeOff(MONDAY.toInstant(), MONDAY.plusDays(1).toInstant())));
        directory.add(acme()).add(alice).add(TestDirectory.person("carol", null, null));

        Recipients owner = ownerAt(MONDAY.withHour(10));
        assertThat(owner.staffIds()).containsExactly("carol");
        assertThat(owner.rule()).startsWith("account manager on time off");
    }

    @Test
    void withoutAPolicyTheAccountManagerIsStillTheOwnerOutsideHours() {
        ClientProfile client = acme();
        client.setEscalationPolicyId(null);
        directory.add(client).add(TestDirectory.person("alice", null, null));

        assertThat(ownerAt(MONDAY.minusDays(1).withHour(12)).staffIds()).as("Sunday").containsExactly("alice");
    }
}
