package dev.afterhours.classifier.hours;

import static dev.afterhours.classifier.support.Fixtures.client;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.afterhours.contracts.AfterHoursStatus;
import dev.afterhours.contracts.ClientProfile;
import dev.afterhours.contracts.DayOfWeek;
import dev.afterhours.contracts.SupportCalendar;
import dev.afterhours.contracts.WeeklyWindow;
import dev.afterhours.directory.InvalidDirectoryRecordException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AfterHoursClockTest {

    /** The agency default of application.yml: Mon-Fri 09:00-17:00 New York. */
    static SupportCalendar agencyDefault() {
        return SupportCalendar.newBuilder()
                .setZone("America/New_York")
                .setWindows(Stream.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
                                DayOfWeek.FRIDAY)
                        .map(d -> WeeklyWindow.newBuilder().setDay(d).setFrom("09:00").setTo("17:00").build()).toList())
                .build();
    }

    private final AfterHoursClock clock = new AfterHoursClock(agencyDefault());

    @ParameterizedTest
    @CsvSource({
            "acme-shop, 2026-11-23T22:14:05Z, IN_HOURS, 2026-11-23T17:14:05-05:00[America/New_York]",
            "acme-shop, 2026-11-24T03:00:00Z, AFTER_HOURS, 2026-11-23T22:00-05:00[America/New_York]",
            "acme-shop, 2026-11-26T15:00:00Z, HOLIDAY, 2026-11-26T10:00-05:00[America/New_York]",
            "acme-shop, 2026-11-28T15:00:00Z, WEEKEND, 2026-11-28T10:00-05:00[America/New_York]",
            "bergmann-gmbh, 2026-11-23T11:30:00Z, AFTER_HOURS, 2026-11-23T12:30+01:00[Europe/Berlin]",
            "bergmann-gmbh, 2026-11-23T12:30:00Z, IN_HOURS, 2026-11-23T13:30+01:00[Europe/Berlin]",
            "bergmann-gmbh, 2026-12-24T10:00:00Z, HOLIDAY, 2026-12-24T11:00+01:00[Europe/Berlin]",
    })
    void theClientsCalendarDecides(String clientId, Instant receivedAt, AfterHoursStatus status, String local) {
        AfterHours result = clock.at(receivedAt, Optional.of(client(clientId)));

        assertThat(result).isEqualTo(new AfterHours(status, local, false));
    }

    @Test
    void unknownClientsUseTheAgencyDefault() {
        // 17:14 in New York: open for acme-shop (until 17:30) but closed for the agency (until 17:00).
        AfterHours result = clock.at(Instant.parse("2026-11-23T22:14:05Z"), Optional.empty());

        assertThat(result).isEqualTo(new AfterHours(AfterHoursStatus.AFTER_HOURS,
                "2026-11-23T17:14:05-05:00[America/New_York]", true));
    }

    @Test
    void aClientWithAnUnusableCalendarFallsBackToTheAgencyDefault() {
        ClientProfile broken = ClientProfile.newBuilder(client("acme-shop"))
                .setCalendar(SupportCalendar.newBuilder(client("acme-shop").getCalendar()).setZone("Mars/Base").build())
                .build();

        AfterHours result = clock.at(Instant.parse("2026-11-23T15:00:00Z"), Optional.of(broken));

        assertThat(result.agencyDefault()).isTrue();
        assertThat(result.status()).isEqualTo(AfterHoursStatus.IN_HOURS);
    }

    @Test
    void anInvalidDefaultCalendarIsRejectedNamingTheField() {
        SupportCalendar bad = SupportCalendar.newBuilder(agencyDefault()).setZone("Nowhere/Special").setWindows(List.of()).build();

        assertThatThrownBy(() -> new AfterHoursClock(bad))
                .isInstanceOf(InvalidDirectoryRecordException.class)
                .hasMessageContaining("zone");
    }
}
