package dev.afterhours.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.afterhours.businesstime.OpeningStatus;
import dev.afterhours.contracts.ClientProfile;
import dev.afterhours.contracts.DayOfWeek;
import dev.afterhours.contracts.NotificationChannel;
import dev.afterhours.contracts.SlaClock;
import dev.afterhours.contracts.StaffMember;
import dev.afterhours.contracts.Urgency;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DirectorySeedTest {

    @Test
    void the_demo_directory_loads_with_times_kept_as_times() {
        DirectorySnapshot seed = DirectorySeed.load(Path.of("../deploy/local/directory.yml"));
        assertThat(seed.clients()).extracting(ClientProfile::getClientId).containsExactly("acme-shop", "bergmann-gmbh");
        ClientProfile acme = seed.clients().getFirst();
        assertThat(acme.getCalendar().getWindows().getFirst().getFrom()).isEqualTo("09:00");
        assertThat(SlaPolicies.targetFor(acme, Urgency.EMERGENCY).orElseThrow().getClock()).isEqualTo(SlaClock.CALENDAR);
        assertThat(SlaPolicies.targetFor(acme, Urgency.NORMAL).orElseThrow().getClock()).isEqualTo(SlaClock.BUSINESS);
        assertThat(Calendars.supportHours(acme.getCalendar()).status(Instant.parse("2026-11-26T15:00:00Z")))
                .isEqualTo(OpeningStatus.HOLIDAY);
        assertThat(seed.staff()).hasSize(3);
        assertThat(seed.rotations().getFirst().getStartsAt()).isEqualTo(Instant.parse("2026-01-05T14:00:00Z"));
        assertThat(seed.escalationPolicies().getFirst().getLevels()).hasSize(2);
        assertThat(seed.escalationPolicies().getFirst().getRepeat()).isEqualTo(1);
        assertThat(seed.escalationPolicies().getFirst().getFinalAllLevels()).isTrue();
    }

    @Test
    void a_seed_gives_quiet_hours_by_day_wake_channels_and_time_off() {
        String yaml = """
                staff:
                  - staffId: dora
                    name: Dora
                    zone: Europe/Berlin
                    email: dora@agency.example
                    webhookUrl: https://pager.example/dora
                    quietHours:
                      - {days: [SUNDAY, MONDAY, TUESDAY, WEDNESDAY, THURSDAY], from: "22:00", to: "07:00"}
                      - {days: [SATURDAY, SUNDAY], from: "00:00", to: "00:00"}
                    wakeChannels: [WEBHOOK]
                    timeOff:
                      - {from: "2026-08-03T00:00:00+02:00", to: "2026-08-17T00:00:00+02:00"}
                """;
        StaffMember dora = DirectorySeed.parse(new StringReader(yaml), "seed.yml").staff().getFirst();
        assertThat(dora.getQuietHours()).hasSize(2);
        assertThat(dora.getQuietHours().getFirst().getDays()).hasSize(5).first().isEqualTo(DayOfWeek.SUNDAY);
        assertThat(dora.getWakeChannels()).containsExactly(NotificationChannel.WEBHOOK);
        assertThat(dora.getTimeOff().getFirst().getFrom()).isEqualTo(Instant.parse("2026-08-02T22:00:00Z"));
        assertThatThrownBy(() -> DirectorySeed.parse(new StringReader(yaml.replace("\"07:00\"", "\"7am\"")), "seed.yml"))
                .hasMessageContaining("quietHours[0].to: '7am' is not a time of day as HH:mm");
    }

    @Test
    void every_problem_is_reported_with_its_path() {
        String yaml = """
                clients:
                  - clientId: acme
                    name: Acme
                    accountManagerId: alice
                    calendar: {zone: Mars/Olympus, windows: [{day: FUNDAY, from: "9am", to: "17:00"}]}
                    slaPolicy: {targets: [{urgency: NORMAL, target: four hours}]}
                    colour: red
                """;
        assertThatThrownBy(() -> DirectorySeed.parse(new StringReader(yaml), "seed.yml"))
                .isInstanceOf(InvalidDirectoryRecordException.class)
                .hasMessageContaining("seed.yml: clients[0].colour: unknown field")
                .hasMessageContaining("clients[0].calendar.windows[0].day: 'FUNDAY' is not one of");
        assertThatThrownBy(() -> DirectoryRecords.fromMap(Map.of("clientId", "acme", "name", "Acme", "accountManagerId", "alice",
                "calendar", Map.of("zone", "Mars/Olympus"),
                "slaPolicy", Map.of("targets", java.util.List.of(Map.of("urgency", "NORMAL", "target", "four hours")))),
                ClientProfile.class))
                .hasMessageContaining("calendar.zone: unknown zone 'Mars/Olympus'")
                .hasMessageContaining("slaPolicy.targets[0].target: 'four hours' is not an ISO-8601 duration");
    }

    @Test
    void records_round_trip_through_maps() {
        ClientProfile acme = DirectorySeed.load(Path.of("../deploy/local/directory.yml")).clients().getFirst();
        assertThat(DirectoryRecords.fromMap(DirectoryRecords.toMap(acme), ClientProfile.class)).isEqualTo(acme);
    }

    @Test
    void sender_addresses_are_normalised() {
        assertThat(DirectoryView.normalise("Dana Reyes <DANA@acme-shop.example>")).isEqualTo("dana@acme-shop.example");
        assertThat(DirectoryView.normalise("+1 (555) 010-0001")).isEqualTo("+15550100001");
    }
}
