package dev.afterhours.ingest.earlypage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.afterhours.contracts.EmergencyEscalations;
import dev.afterhours.contracts.EscalationReason;
import dev.afterhours.contracts.MessageReceived;
import dev.afterhours.contracts.Urgency;
import dev.afterhours.ingest.IngestITSupport;
import java.net.http.HttpRequest;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The early page against the real broker and registry, with no classifier anywhere: a message on a client's
 * emergency line is on the escalations topic, with the fast lane's escalation id, by the time its caller is
 * answered. The demo directory's acme-shop has the emergency line +15550199911; dana (+15550100001) is its contact.
 */
class EarlyPageIT extends IngestITSupport {

    private static final String DANA = "+15550100001";

    private static String sms(String id, String to, @Nullable String headers) {
        return """
                {"channel": "SMS", "provider": "twilio", "providerMessageId": "%s", "from": "%s", "to": ["%s"],
                 "body": "The shop shows a blank page"%s}""".formatted(id, DANA, to,
                headers == null ? "" : ", \"headers\": " + headers);
    }

    private static MessageReceived onlyReceived(String providerMessageId) {
        assertThat(received(providerMessageId)).hasSize(1);
        return received(providerMessageId).getFirst().getValue();
    }

    @Test
    void aPostOnTheEmergencyLineIsPagedOnceBeforeAnyClassification_andItsRetryPagesNothingMore() {
        String id = unique("emergency");

        Response accepted = post("/api/v1/messages", sms(id, "+1 555 019 9911", null));

        assertThat(accepted.status()).as(accepted.json().toString()).isEqualTo(202);
        MessageReceived event = onlyReceived(id);
        // read at once: the 202 came after the broker's ack of the escalation too
        assertThat(escalations(event.getMessageId())).singleElement().satisfies(e -> {
            assertThat(e.getKey()).as("keyed by client like every escalation").isEqualTo("acme-shop");
            assertThat(e.getValue().getEscalationId())
                    .isEqualTo(EmergencyEscalations.escalationId(accepted.text("messageId")));
            assertThat(e.getValue().getReason()).isEqualTo(EscalationReason.EMERGENCY);
            assertThat(e.getValue().getUrgency()).isEqualTo(Urgency.EMERGENCY);
            assertThat(e.getValue().getReasons()).containsExactly("emergency line +15550199911",
                    EmergencyLinePager.PAGED_BY_INGEST);
            assertThat(e.getValue().getMessage()).isEqualTo(event);
        });

        Response retry = post("/api/v1/messages", sms(id, "+1 555 019 9911", null));

        assertThat(retry.text("status")).isEqualTo("duplicate");
        assertThat(escalations(event.getMessageId())).as("a provider's retry pages nobody again").hasSize(1);
        assertThat(getText("/actuator/prometheus"))
                .containsPattern("afterhours_ingest_early_pages_total\\{outcome=\"paged\"} [1-9]");
    }

    @Test
    void aRoutinePostAndAnAutomaticOneOnTheEmergencyLinePageNothing() {
        String routine = unique("routine");
        String autoReply = unique("auto-replied");
        String notice = unique("auto-generated");

        assertThat(post("/api/v1/messages", sms(routine, "+15550100100", null)).status()).isEqualTo(202);
        assertThat(post("/api/v1/messages", sms(autoReply, "+15550199911",
                "{\"Auto-Submitted\": \"auto-replied\"}")).status()).isEqualTo(202);
        assertThat(post("/api/v1/messages", sms(notice, "+15550199911",
                "{\"Auto-Submitted\": \"auto-generated\"}")).status()).isEqualTo(202);

        for (String id : new String[] {routine, autoReply, notice}) {
            assertThat(escalations(onlyReceived(id).getMessageId())).as(id).isEmpty();
        }
    }

    @Test
    void mailToAClientsEmergencyAddressIsPaged_butNotItsAutoReply() {
        String client = unique("early-page-co");
        Response saved = put("/api/v1/directory/clients/" + client, """
                {"clientId": "%s", "name": "Early Page Co", "accountManagerId": "alice",
                 "calendar": {"zone": "Europe/Berlin", "windows": [{"day": "MONDAY", "from": "09:00", "to": "17:00"}]},
                 "slaPolicy": {"targets": [{"urgency": "EMERGENCY", "target": "PT15M", "clock": "CALENDAR"}]},
                 "contacts": [{"name": "Pat Doe", "email": "pat@%s.example"}],
                 "emergencyLines": ["911@%s.example"]}""".formatted(client, client, client));
        assertThat(saved.status()).as(saved.json().toString()).isBetween(200, 201);

        String mailId = unique("mail") + "@" + client + ".example";
        Response mail = rawMail(client, mailId, "");
        String autoId = unique("ooo") + "@" + client + ".example";
        Response auto = rawMail(client, autoId, "Auto-Submitted: auto-replied\r\n");

        assertThat(mail.status()).as(mail.json().toString()).isEqualTo(202);
        assertThat(auto.status()).as(auto.json().toString()).isEqualTo(202);
        assertThat(escalations(mail.text("messageId"))).singleElement().satisfies(e -> {
            assertThat(e.getKey()).isEqualTo(client);
            assertThat(e.getValue().getSummary()).isEqualTo("Early Page Co: Server room flooded");
            assertThat(e.getValue().getReasons()).contains("emergency line 911@" + client + ".example");
        });
        assertThat(escalations(auto.text("messageId"))).isEmpty();
    }

    private Response rawMail(String client, String messageId, String extraHeaders) {
        return send(HttpRequest.newBuilder(uri("/api/v1/inbound/email"))
                .header("Content-Type", "message/rfc822").POST(HttpRequest.BodyPublishers.ofString(
                        "From: Pat Doe <pat@" + client + ".example>\r\nTo: 911@" + client + ".example\r\n"
                                + "Subject: Server room flooded\r\nMessage-ID: <" + messageId + ">\r\n" + extraHeaders
                                + "\r\nWater everywhere, the servers are off.\r\n")));
    }
}
