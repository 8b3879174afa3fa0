package dev.afterhours.notifier.acknowledgement;

import static org.assertj.core.api.Assertions.assertThat;

import dev.afterhours.contracts.ClientProfile;
import dev.afterhours.contracts.SlaPolicy;
import dev.afterhours.contracts.SupportCalendar;
import java.util.List;
import org.junit.jupiter.api.Test;

class AcknowledgementTextsTest {

    private static ClientProfile client(List<String> emergencyLines, String word) {
        return ClientProfile.newBuilder().setClientId("c").setName("C").setAccountManagerId("am")
                .setCalendar(SupportCalendar.newBuilder().setZone("Europe/Berlin").build())
                .setSlaPolicy(SlaPolicy.newBuilder().setTargets(List.of()).build())
                .setEmergencyLines(emergencyLines).setEscalationWord(word).build();
    }

    @Test
    void theLanguageOfTheRequestPicksTheTextsAndAnythingElseIsEnglish() {
        assertThat(AcknowledgementTexts.of("de")).isEqualTo(AcknowledgementTexts.DE);
        assertThat(AcknowledgementTexts.of("fr-CA")).isEqualTo(AcknowledgementTexts.FR);
        assertThat(AcknowledgementTexts.of("pt-BR")).isEqualTo(AcknowledgementTexts.EN);
        assertThat(AcknowledgementTexts.of(null)).isEqualTo(AcknowledgementTexts.EN);
        assertThat(AcknowledgementTexts.DE.defaultSubject()).isEqualTo("Wir haben Ihre Nachricht");
        assertThat(AcknowledgementTexts.DE.escalation(List.of("+4930555999", "+4930555998"), "NOTFALL"))
                .isEqualTo("Bei einem echten Notfall erreichen Sie unsere Notfallnummern +4930555999 oder +4930555998, "
                        + "oder antworten Sie auf diese Nachricht mit dem Wort \"NOTFALL\": Wir behandeln sie dann "
                        + "sofort als Notfall.");
        assertThat(AcknowledgementTexts.ES.shortEscalation(List.of(), "URGENTE")).isEqualTo("¿Emergencia? Responda URGENTE.");
        assertThat(AcknowledgementTexts.FR.shortEscalation(List.of(" "), " ")).isNull();
    }

    @Test
    void aTextFitsInTwoSegmentsInEveryLanguageEvenWithADateAndBothWaysToEscalate() {
        ClientProfile client = client(List.of("+493055599911", "+493055599912"), "NOTFALL");
        List<String> longest = List.of(
                "Thanks, we have your message. Our team is offline until Wednesday 31 December 08:30 (America/Argentina/"
                        + "Buenos_Aires); expect an answer by Wednesday 31 December 12:30.",
                "Danke, wir haben Ihre Nachricht. Unser Team ist bis Mittwoch, 31. Dezember 08:30 (America/Argentina/"
                        + "Buenos_Aires) nicht erreichbar; Sie erhalten eine Antwort bis Mittwoch, 31. Dezember 12:30.",
                "Merci, nous avons bien reçu votre message. Notre équipe est absente jusqu'à mercredi 31 décembre 08:30 "
                        + "(Europe/Paris) ; vous aurez une réponse d'ici mercredi 31 décembre 12:30.",
                "Gracias, hemos recibido su mensaje. Nuestro equipo no está disponible hasta el miércoles 31 de "
                        + "diciembre 08:30 (Europe/Madrid); recibirá una respuesta antes del miércoles 31 de diciembre 12:30.");
        for (int i = 0; i < longest.size(); i++) {
            String body = AcknowledgementSender.smsBody(longest.get(i), client, AcknowledgementTexts.values()[i]);
            assertThat(GsmText.segments(body)).as(body).isLessThanOrEqualTo(2);
            assertThat(GsmText.of(body)).isEqualTo(body);
        }
    }

    @Test
    void accentsOutsideTheGsmAlphabetLoseTheirMarksAndTheRestStays() {
        assertThat(GsmText.of("sábado, está, reçu, miércoles, à, ñ, ü, ß, ¿Emergencia?"))
                .isEqualTo("sabado, esta, recu, miércoles, à, ñ, ü, ß, ¿Emergencia?");
        assertThat(GsmText.of("“quoted” – ok… 😀")).isEqualTo("\"quoted\" - ok... ?");
        assertThat(GsmText.segments("a".repeat(160))).isEqualTo(1);
        assertThat(GsmText.segments("a".repeat(161))).isEqualTo(2);
        assertThat(GsmText.segments("€".repeat(80))).isEqualTo(1);
        assertThat(GsmText.segments("a".repeat(307))).isEqualTo(3);
    }
}
