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
    void aGermanClientReadsGermanWeekdaysOnBerlinSummerTimeBeforeTheSwitchAndWinterTimeAfter() {
        // Friday 23 October 2026 20:00 UTC is 22:00 CEST; summer time ends on Sunday 25 October at 03:00 CEST.
        // Opening Monday 26 October 08:00 UTC is 09:00 CET (not 10:00): the wall clock of that date, not of today.
        assertThat(ClientTexts.acknowledgement(ClientTexts.Language.of("de"), ZoneId.of("Europe/Berlin"),
                Instant.parse("2026-10-23T20:00:00Z"), Instant.parse("2026-10-26T08:00:00Z"),
                Instant.parse("2026-10-26T12:00:00Z")))
                .isEqualTo("Danke, wir haben Ihre Nachricht. Unser Team ist bis Montag 09:00 (Europe/Berlin) nicht "
                        + "erreichbar; Sie erhalten eine Antwort bis Montag 13:00.");
    }

    @Test
    void theUpdateAfterABreachStatesTheNewTimeInEachLanguageOnTheClientsWallClock() {
        // Tuesday 14:00 in Berlin (CET) the SLA broke; the new time is Wednesday 09:30 there, then 2 weeks out.
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        Instant breach = Instant.parse("2026-11-24T13:00:00Z");
        Instant wednesday = Instant.parse("2026-11-25T08:30:00Z");
        assertThat(ClientTexts.update(ClientTexts.Language.EN, berlin, breach, wednesday))
                .isEqualTo("We have not answered your message yet, and we are sorry for the wait. We now expect to "
                        + "answer by Wednesday 09:30 (Europe/Berlin).");
        assertThat(ClientTexts.update(ClientTexts.Language.DE, berlin, breach, wednesday))
                .isEqualTo("Wir haben Ihre Nachricht noch nicht beantwortet, bitte entschuldigen Sie die Wartezeit. "
                        + "Sie erhalten nun eine Antwort bis Mittwoch 09:30 (Europe/Berlin).");
        assertThat(ClientTexts.update(ClientTexts.Language.ES, berlin, breach, wednesday))
                .isEqualTo("Todavía no hemos respondido a su mensaje; disculpe la espera. Ahora prevemos responderle "
                        + "antes del miércoles 09:30 (Europe/Berlin).");
        assertThat(ClientTexts.update(ClientTexts.Language.FR, berlin, breach, wednesday.plus(java.time.Duration.ofDays(14))))
                .isEqualTo("Nous n'avons pas encore répondu à votre message, veuillez nous excuser pour l'attente. Vous "
                        + "aurez désormais une réponse d'ici mercredi 9 décembre 09:30 (Europe/Berlin).");
    }

    @Test
    void frenchAndSpanishNameTheirOwnWeekdaysAndMonthsFarOut() {
        assertThat(ClientTexts.acknowledgement(ClientTexts.Language.of("fr-CH"), ZoneId.of("Europe/Paris"),
                Instant.parse("2026-12-18T17:00:00Z"), Instant.parse("2027-01-04T07:30:00Z"),
                Instant.parse("2027-01-05T08:00:00Z")))
                .isEqualTo("Merci, nous avons bien reçu votre message. Notre équipe est absente jusqu'à lundi 4 janvier "
                        + "08:30 (Europe/Paris) ; vous aurez une réponse d'ici mardi 5 janvier 09:00.");
        // America/Mexico_City has no summer time since 2022: UTC-6 all year.
        assertThat(ClientTexts.acknowledgement(ClientTexts.Language.of("ES"), ZoneId.of("America/Mexico_City"),
                Instant.parse("2026-07-03T04:00:00Z"), Instant.parse("2026-07-03T15:00:00Z"),
                Instant.parse("2026-07-03T19:00:00Z")))
                .isEqualTo("Gracias, hemos recibido su mensaje. Nuestro equipo no está disponible hasta el viernes "
                        + "09:00 (America/Mexico_City); recibirá una respuesta antes del viernes 13:00.");
    }

    @Test
    void anUnsupportedOrMissingLanguageIsEnglishInNewYorkAcrossTheSpringForward() {
        assertThat(ClientTexts.Language.of(null)).isEqualTo(ClientTexts.Language.EN);
        assertThat(ClientTexts.Language.of("pt-BR")).isEqualTo(ClientTexts.Language.EN);
        assertThat(ClientTexts.Language.of("de_AT")).isEqualTo(ClientTexts.Language.DE);
        // Saturday 7 March 2026 22:00 EST; clocks go forward on Sunday 8 March: Monday 09:00 EDT is 13:00 UTC.
        assertThat(ClientTexts.acknowledgement(ClientTexts.Language.of("pt-BR"), ZoneId.of("America/New_York"),
                Instant.parse("2026-03-08T03:00:00Z"), Instant.parse("2026-03-09T13:00:00Z"),
                Instant.parse("2026-03-09T17:00:00Z")))
                .isEqualTo("Thanks, we have your message. Our team is offline until Monday 09:00 (America/New_York); "
                        + "expect an answer by Monday 13:00.");
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
