package dev.afterhours.scheduler.sla;

import static org.assertj.core.api.Assertions.assertThat;

import dev.afterhours.contracts.AfterHoursStatus;
import dev.afterhours.contracts.MessageReceived;
import dev.afterhours.contracts.Urgency;
import dev.afterhours.scheduler.Fixtures;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class ClientTextsTest {

    @Test
    void acknowledgementNamesTheWeekdayAndTheZone() {
        assertThat(ClientTexts.acknowledgement(ZoneId.of("America/New_York"), Instant.parse("2026-11-23T23:14:05Z"),
                Instant.parse("2026-11-24T14:00:00Z"), Instant.parse("2026-11-24T17:44:05Z")))
                .isEqualTo("Thanks, we have your message. Our team is offline until Tuesday 09:00 (America/New_York); "
                        + "expect an answer by Tuesday 12:44.");
    }

    @Test
    void openingsAWeekOrMoreAwayAlsoNameTheDate() {
        assertThat(ClientTexts.acknowledgement(ZoneId.of("Europe/Berlin"), Instant.parse("2026-12-18T17:00:00Z"),
                Instant.parse("2027-01-04T07:30:00Z"), Instant.parse("2027-01-05T08:00:00Z")))
                .isEqualTo("Thanks, we have your message. Our team is offline until Monday 4 January 08:30 "
                        + "(Europe/Berlin); expect an answer by Tuesday 5 January 09:00.");
    }

    @Test
    void summaryUsesTheSubjectOrTheFirst80CharactersOfTheBodyOnOneLine() {
        MessageReceived withSubject = Fixtures.inbound("acme-shop", "m", "c", Urgency.EMERGENCY,
                AfterHoursStatus.IN_HOURS, Instant.EPOCH).getMessage();
        assertThat(ClientTexts.summary("Acme Shop", withSubject)).isEqualTo("Acme Shop: Checkout is broken");

        String body = "The site is down!\n\nEvery page   answers 502 since 21:40, customers are calling us, "
                + "please look at it right now.";
        MessageReceived voicemail = MessageReceived.newBuilder(withSubject).setSubject(null).setBody(body).build();
        String summary = ClientTexts.summary("Acme Shop", voicemail);
        // Cut at 80 characters ("...calling us, " ends there), without the dangling space.
        assertThat(summary).isEqualTo("Acme Shop: The site is down! Every page answers 502 since 21:40, customers are "
                + "calling us,");
    }
}
