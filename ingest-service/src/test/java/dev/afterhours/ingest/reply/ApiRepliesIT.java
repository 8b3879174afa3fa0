package dev.afterhours.ingest.reply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.afterhours.contracts.Channel;
import dev.afterhours.contracts.Direction;
import dev.afterhours.contracts.ReplyRequested;
import dev.afterhours.contracts.Topics;
import dev.afterhours.contracts.serde.RegistrySerdes;
import dev.afterhours.ingest.IngestITSupport;
import dev.afterhours.ingest.message.StaffIdentities;
import dev.afterhours.testkit.AfterhoursTestEnvironment;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * A staff member replies to a conversation through the API: the reply is routed back the way the client wrote (the
 * e-mail's address, Message-ID and subject; the number texted and the line it came to) and written for the notifier
 * with the OUTBOUND message it becomes, which is NOT on the received topic yet: only the notifier publishes it, once
 * sent. Bad requests, strangers and viewers write nothing.
 */
class ApiRepliesIT extends IngestITSupport {

    static final String DANA = "dana@acme-shop.example";
    /** The sender as the client's mail program wrote it, which the reply is addressed to. */
    static final String DANA_NAMED = "Dana Reyes <" + DANA + ">";

    @Test
    void anEmailReplyGoesBackToTheClientThreadedToTheirMessageAndIsNotRecordedBeforeItIsSent() {
        String messageIdHeader = "<" + unique("m") + "@acme-shop.example>";
        Response inbound = post("/api/v1/messages", """
                {"channel": "EMAIL", "provider": "postmark", "providerMessageId": "%s", "from": "%s",
                 "to": ["support@agency.example"], "subject": "Checkout", "body": "Checkout is broken.",
                 "headers": {"Message-ID": "%s"}}""".formatted(messageIdHeader, DANA_NAMED, messageIdHeader));
        assertThat(inbound.status()).isEqualTo(202);
        String conversationId = inbound.text("conversationId");

        Response reply = replyAs(staff(), conversationId, "{\"text\": \"Fixed, sorry for the trouble.\"}", null);

        assertThat(reply.status()).as(reply.json().toString()).isEqualTo(202);
        String replyId = reply.text("replyId");
        assertThat(reply.text("conversationId")).isEqualTo(conversationId);
        assertThat(reply.text("clientId")).isEqualTo("acme-shop");
        assertThat(reply.text("channel")).isEqualTo("EMAIL");
        assertThat(reply.text("to")).isEqualTo(DANA_NAMED);
        assertThat(reply.text("status")).isEqualTo("requested");
        assertThat(reply.text("statusUrl")).endsWith("/api/v1/replies/" + replyId);
        assertThat(reply.headers().get("Location")).containsExactly(reply.text("statusUrl"));

        ReplyRequested request = requested(replyId).getFirst();
        assertThat(request.getChannel()).isEqualTo(Channel.EMAIL);
        assertThat(request.getTo()).isEqualTo(DANA_NAMED);
        assertThat(request.getVia()).isEqualTo("support@agency.example");
        assertThat(request.getInReplyTo()).isEqualTo(messageIdHeader);
        assertThat(request.getSubject()).isEqualTo("Re: Checkout");
        assertThat(request.getText()).isEqualTo("Fixed, sorry for the trouble.");
        assertThat(request.getRequestedBy()).isEqualTo("alice");
        assertThat(request.getInReplyToMessageId()).isEqualTo(inbound.text("messageId"));
        assertThat(request.getReply().getDirection()).isEqualTo(Direction.OUTBOUND);
        assertThat(request.getReply().getConversationId()).isEqualTo(conversationId);
        assertThat(request.getReply().getClientId()).isEqualTo("acme-shop");
        assertThat(request.getReply().getTo()).containsExactly(DANA_NAMED);
        assertThat(request.getReply().getHeaders()).containsEntry("In-Reply-To", messageIdHeader)
                .containsEntry(StaffIdentities.STAFF_ID, "alice");
        // Recorded OUTBOUND (and the SLA clock stopped) only by the notifier, once it was sent.
        assertThat(received(replyId)).isEmpty();
    }

    @Test
    void aTextIsAnsweredFromTheLineTheClientTextedAndAnIdempotencyKeyMakesOneReply() {
        // Jonas texting Bergmann's line, not Dana texting Acme's: TwilioWebhooksIT, on the same topic, records Dana's
        // calls at its own clock's later times, and the route follows a conversation's latest inbound message.
        Response inbound = post("/api/v1/messages", """
                {"channel": "SMS", "provider": "twilio", "providerMessageId": "%s", "from": "+4930555010",
                 "to": ["+4930555000"], "body": "Ist der Shop down?"}""".formatted(unique("SM")));
        assertThat(inbound.text("clientId")).isEqualTo("bergmann-gmbh");
        String key = unique("key");

        Response reply = replyAs(staff(), inbound.text("conversationId"), "{\"text\": \"It is up again.\"}", key);
        Response retried = replyAs(staff(), inbound.text("conversationId"), "{\"text\": \"It is up again.\"}", key);

        assertThat(reply.status()).isEqualTo(202);
        // The same key from the same caller is the same reply: the notifier sends one replyId once.
        assertThat(retried.text("replyId")).isEqualTo(reply.text("replyId"));
        ReplyRequested request = requested(reply.text("replyId")).getFirst();
        assertThat(request.getChannel()).isEqualTo(Channel.SMS);
        assertThat(request.getTo()).isEqualTo("+4930555010");
        assertThat(request.getVia()).isEqualTo("+4930555000");
        assertThat(request.getReply().getFrom()).isEqualTo("+4930555000");
        assertThat(request.getSubject()).isNull();
    }

    @Test
    void badRepliesUnknownConversationsViewersAndStrangersWriteNothing() {
        Response inbound = post("/api/v1/messages", email(unique("<m>"), DANA, "Hello"));
        String conversationId = inbound.text("conversationId");
        int before = toEnd(Topics.REPLIES).size();

        assertProblem(replyAs(staff(), conversationId, "{\"text\": \"  \"}", null), 400, "text");
        assertProblem(replyAs(staff(), conversationId, "{\"subject\": \"Hi\"}", null), 400, "text");
        assertProblem(replyAs(staff(), conversationId, "{\"text\": \"Hi\", \"subjet\": \"x\"}", null), 400, "subjet");
        assertProblem(replyAs(staff(), conversationId, "{\"text\": \"Hi\", \"subject\": \"a\\r\\nBcc: x@y\"}", null),
                400, "subject");
        assertProblem(replyAs(staff(), unique("no-such-conversation"), "{\"text\": \"Hi\"}", null), 404,
                "conversationId");
        assertProblem(replyAs(AfterhoursTestEnvironment.issuer().bearer("vic", "viewer"), conversationId,
                "{\"text\": \"Hi\"}", null), 403, null);
        Response anonymous = replyAs(null, conversationId, "{\"text\": \"Hi\"}", null);
        assertProblem(anonymous, 401, null);
        assertThat(anonymous.headers().get("WWW-Authenticate")).anySatisfy(h -> assertThat(h).startsWith("Bearer"));

        assertThat(toEnd(Topics.REPLIES)).hasSize(before);
    }

    @Test
    void anIntegrationRepliesWithAKeyAllowedToAndOnlyForItsClients() {
        String bergmannKey = post("/api/v1/admin/api-keys", """
                {"name": "Bergmann's helpdesk", "scopes": ["replies:write"], "clientIds": ["bergmann-gmbh"]}""")
                .text("key");
        String messagesKey = post("/api/v1/admin/api-keys", """
                {"name": "Mail gateway", "scopes": ["messages:write"]}""").text("key");
        String acme = post("/api/v1/messages", email(unique("<acme>"), DANA, "Hello")).text("conversationId");
        String bergmann = post("/api/v1/messages", email(unique("<bergmann>"), "jonas@bergmann.example", "Hallo"))
                .text("conversationId");
        int before = toEnd(Topics.REPLIES).size();

        assertProblem(replyAs(null, acme, "{\"text\": \"Hi\"}", null, bergmannKey), 403, "conversationId");
        assertProblem(replyAs(null, bergmann, "{\"text\": \"Hi\"}", null, messagesKey), 403, null);
        assertThat(toEnd(Topics.REPLIES)).hasSize(before);

        Response reply = replyAs(null, bergmann, "{\"text\": \"Erledigt.\"}", null, bergmannKey);
        assertThat(reply.status()).as(reply.json().toString()).isEqualTo(202);
        assertThat(reply.text("to")).isEqualTo("jonas@bergmann.example");
    }

    private static String staff() {
        return AfterhoursTestEnvironment.issuer().bearer("alice", "staff");
    }

    private Response replyAs(@Nullable String authorization, String conversationId, String json,
            @Nullable String idempotencyKey) {
        return replyAs(authorization, conversationId, json, idempotencyKey, null);
    }

    private Response replyAs(@Nullable String authorization, String conversationId, String json,
            @Nullable String idempotencyKey, @Nullable String apiKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/api/v1/conversations/" + conversationId + "/replies"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        if (apiKey != null) {
            request.header("X-Api-Key", apiKey);
        }
        return sendAs(authorization, request);
    }

    /** The reply requests of one reply id on the replies topic now (the 202 came after the broker's ack). */
    private static List<ReplyRequested> requested(String replyId) {
        try (Deserializer<ReplyRequested> values =
                     RegistrySerdes.valueDeserializer(AfterhoursTestEnvironment.registry().coreApiUrl())) {
            List<ReplyRequested> found = new ArrayList<>();
            for (ConsumerRecord<byte[], byte[]> record : toEnd(Topics.REPLIES)) {
                ReplyRequested request = values.deserialize(record.topic(), record.value());
                if (request.getReplyId().equals(replyId)) {
                    found.add(request);
                }
            }
            return found;
        }
    }
}
