package dev.afterhours.ingest.message;

import static org.assertj.core.api.Assertions.assertThat;

import dev.afterhours.contracts.MessageReceived;
import dev.afterhours.contracts.Topics;
import dev.afterhours.ingest.IngestITSupport;
import dev.afterhours.testkit.AfterhoursTestEnvironment;
import dev.afterhours.testkit.ConfluentWireFormat;
import dev.afterhours.testkit.TopicProbe;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** POST /api/v1/messages against the real broker and registry, checked on the real topic. */
class MessageApiIT extends IngestITSupport {

    private static final String DANA = "dana@acme-shop.example";

    @Test
    void anEmailFromDanaIsPublishedOnceForAcmeShop_andItsRetryIsADuplicate() {
        String id = unique("<checkout") + "@mail.example>";

        Response accepted = post("/api/v1/messages", email(id, DANA, "Checkout is broken"));

        assertThat(accepted.status()).isEqualTo(202);
        assertThat(accepted.text("status")).isEqualTo("accepted");
        assertThat(accepted.text("clientId")).isEqualTo("acme-shop");
        assertThat(accepted.text("messageId")).isEqualTo(MessageIds.messageId("postmark", id));
        List<Map.Entry<String, MessageReceived>> events = received(id);
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.getKey()).isEqualTo("acme-shop");
            assertThat(e.getValue().getClientId()).isEqualTo("acme-shop");
            assertThat(e.getValue().getMessageId()).isEqualTo(accepted.text("messageId"));
            assertThat(e.getValue().getConversationId()).isEqualTo(accepted.text("conversationId"));
            assertThat(e.getValue().getBody()).isEqualTo("Checkout is broken");
        });

        Response retry = post("/api/v1/messages", email(id, DANA, "Checkout is broken"));

        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.text("status")).isEqualTo("duplicate");
        assertThat(retry.text("messageId")).isEqualTo(accepted.text("messageId"));
        assertThat(retry.text("conversationId")).isEqualTo(accepted.text("conversationId"));
        assertThat(retry.text("clientId")).isEqualTo("acme-shop");
        assertThat(received(id)).hasSize(1);
    }

    @Test
    void anyConfluentConsumerCanReadWhatIngestWrote() {
        String id = unique("wire");
        Response accepted = post("/api/v1/messages", """
                {"channel": "SMS", "provider": "twilio", "providerMessageId": "%s", "from": "+1 (555) 010-0001",
                 "body": "site is down"}""".formatted(id));
        assertThat(accepted.status()).isEqualTo(202);
        String messageId = accepted.text("messageId");

        ConfluentWireFormat wire = new ConfluentWireFormat(AfterhoursTestEnvironment.registry().confluentCompatibleUrl());
        List<ConsumerRecord<byte[], byte[]>> records = TopicProbe.readUntil(Topics.MESSAGES_RECEIVED,
                rs -> rs.stream().anyMatch(r -> messageId.equals(wire.decode(r.value()).record().get("messageId").toString())),
                Duration.ofSeconds(30));
        ConsumerRecord<byte[], byte[]> ours = records.stream()
                .filter(r -> messageId.equals(wire.decode(r.value()).record().get("messageId").toString()))
                .findFirst().orElseThrow();

        assertThat(ours.value()[0]).as("magic byte").isZero();
        assertThat(new String(ours.key(), StandardCharsets.UTF_8)).isEqualTo("acme-shop");
        ConfluentWireFormat.Decoded decoded = wire.decode(ours.value());
        assertThat(decoded.writerSchema().getFullName()).isEqualTo("dev.afterhours.contracts.MessageReceived");
        GenericRecord record = decoded.record();
        assertThat(record.get("clientId").toString()).isEqualTo("acme-shop");
        assertThat(record.get("channel").toString()).isEqualTo("SMS");
        assertThat(record.get("direction").toString()).isEqualTo("INBOUND");
        assertThat(record.get("body").toString()).isEqualTo("site is down");
        assertThat(record.get("providerMessageId").toString()).isEqualTo(id);
    }

    @Test
    void anUnknownSenderIsAcceptedForTriageAsUnresolved() {
        String id = unique("stranger");

        Response response = post("/api/v1/messages", email(id, "someone@unknown.example", "Hello?"));

        assertThat(response.status()).isEqualTo(202);
        assertThat(response.text("clientId")).isEqualTo(Topics.UNRESOLVED_CLIENT);
        assertThat(received(id)).singleElement().satisfies(e -> {
            assertThat(e.getKey()).isEqualTo(Topics.UNRESOLVED_CLIENT);
            assertThat(e.getValue().getClientId()).isEqualTo(Topics.UNRESOLVED_CLIENT);
        });
        assertThat(getText("/actuator/prometheus"))
                .containsPattern("afterhours_ingest_messages_total\\{[^}]*outcome=\"accepted\"[^}]*resolved=\"false\"");
    }

    @Test
    void aStaffReplyToDanaLandsInDanasConversation() {
        Response danas = post("/api/v1/messages", email(unique("dana"), "Dana Reyes <Dana@Acme-Shop.example>", "Refunds fail"));
        assertThat(danas.status()).isEqualTo(202);

        String replyId = unique("reply");
        Response reply = post("/api/v1/messages", """
                {"channel": "EMAIL", "direction": "OUTBOUND", "provider": "postmark", "providerMessageId": "%s",
                 "from": "alice@agency.example", "to": ["%s"], "subject": "Re: Refunds fail", "body": "Looking into it"}"""
                .formatted(replyId, DANA));

        assertThat(reply.status()).isEqualTo(202);
        assertThat(reply.text("clientId")).isEqualTo("acme-shop");
        assertThat(reply.text("conversationId")).isEqualTo(danas.text("conversationId"));
        assertThat(received(replyId)).singleElement().satisfies(e -> {
            assertThat(e.getValue().getDirection().name()).isEqualTo("OUTBOUND");
            assertThat(e.getValue().getConversationId()).isEqualTo(danas.text("conversationId"));
        });
    }

    @Test
    void simultaneousRetriesYieldOneEvent() throws Exception {
        String id = unique("race");
        int callers = 6;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        List<Future<Response>> responses = new ArrayList<>();
        try {
            for (int i = 0; i < callers; i++) {
                responses.add(pool.submit(() -> {
                    start.await();
                    return post("/api/v1/messages", email(id, DANA, "same retry"));
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Response> response : responses) {
                statuses.add(response.get(60, TimeUnit.SECONDS).status());
            }
            assertThat(statuses).containsOnlyOnce(202).containsOnly(202, 200);
        } finally {
            pool.shutdownNow();
        }
        assertThat(received(id)).hasSize(1);
    }

    @Test
    void malformedJsonIs400() {
        Response response = post("/api/v1/messages", "{\"channel\": \"EMAIL\",\n \"from\": ");

        assertThat(response.status()).isEqualTo(400);
        assertProblem(response, 400, "body");
        assertThat(response.text("detail")).contains("malformed JSON").contains("line 2");
    }

    @Test
    void aMissingFromIs400NamingIt() {
        Response response = post("/api/v1/messages", """
                {"channel": "EMAIL", "providerMessageId": "%s", "body": "hi"}""".formatted(unique("nofrom")));

        assertThat(response.status()).isEqualTo(400);
        assertProblem(response, 400, "from");
        assertThat(response.text("detail")).contains("'from'");
        assertThat(getText("/actuator/prometheus"))
                .containsPattern("afterhours_ingest_messages_total\\{[^}]*channel=\"EMAIL\"[^}]*outcome=\"rejected\"");
    }

    @Test
    void anUnknownChannelIs400ListingTheAllowedOnes() {
        Response response = post("/api/v1/messages", """
                {"channel": "FAX", "providerMessageId": "%s", "from": "%s", "body": "hi"}""".formatted(unique("fax"), DANA));

        assertThat(response.status()).isEqualTo(400);
        assertProblem(response, 400, "channel");
        assertThat(response.text("detail")).contains("FAX").contains("EMAIL, SMS, VOICE, CHAT, WEBFORM, API");
    }

    @Test
    void aTimestampNoEventCanHoldIs400NamingIt_andNothingIsPublished() {
        String id = unique("far-future");
        // fixed instants from here: an instant no event can hold, refused before any clock sees it
        Response response = post("/api/v1/messages", """
                {"channel": "SMS", "providerMessageId": "%s", "from": "+15550100001", "body": "hi",
                 "providerTimestamp": "+300000000-01-01T00:00:00Z"}""".formatted(id));
        // fixed instants end

        assertProblem(response, 400, "providerTimestamp");
        assertThat(received(id)).isEmpty();
    }

    @Test
    void anUnknownFieldIs400NamingIt() {
        Response response = post("/api/v1/messages", """
                {"channel": "EMAIL", "providerMessageId": "%s", "from": "%s", "body": "hi", "subjet": "typo"}"""
                .formatted(unique("typo"), DANA));

        assertProblem(response, 400, "subjet");
    }

    @Test
    void aWrongContentTypeIs415() {
        Response response = send(java.net.http.HttpRequest.newBuilder(uri("/api/v1/messages"))
                .header("Content-Type", "text/plain")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("hello")));

        assertProblem(response, 415, null);
        assertThat(response.text("detail")).contains("application/json").contains("text/plain");
    }

    @Test
    void anOversizedBodyIs413_withContentLength() {
        String id = unique("big");

        Response response = post("/api/v1/messages", email(id, DANA, "x".repeat(300 * 1024)));

        assertProblem(response, 413, "body");
        assertThat(response.text("detail")).contains("262144 bytes (256KB)");
        assertThat(response.json().path("limitBytes").asLong()).isEqualTo(262144L);
        assertThat(received(id)).isEmpty();
    }

    @Test
    void anOversizedBodyIs413_whenChunkedWithoutContentLength() {
        String id = unique("big-chunked");

        Response response = postChunked("/api/v1/messages", email(id, DANA, "x".repeat(300 * 1024)));

        assertProblem(response, 413, "body");
        assertThat(response.json().path("limitBytes").asLong()).isEqualTo(262144L);
        assertThat(received(id)).isEmpty();
    }

    @Test
    void aLargeBodyUnderTheLimitIsAccepted_alsoChunked() {
        String id = unique("large");

        Response response = postChunked("/api/v1/messages", email(id, DANA, "y".repeat(200 * 1024)));

        assertThat(response.status()).isEqualTo(202);
        assertThat(received(id)).singleElement()
                .satisfies(e -> assertThat(e.getValue().getBody()).hasSize(200 * 1024));
    }

    @Test
    void readinessSaysTheDirectoryAndTheIndexAreLoaded() {
        Response readiness = get("/actuator/health/readiness");

        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.text("status")).isEqualTo("UP");
        assertThat(readiness.json().path("components").path("directory").path("status").asString()).isEqualTo("UP");
        assertThat(readiness.json().path("components").path("ingestIndex").path("status").asString()).isEqualTo("UP");
        // The index is kept by the shared topic follower: its restarts are in the details and in the metrics.
        assertThat(readiness.json().path("components").path("ingestIndex").path("details").path("restarts").isNumber())
                .isTrue();
        assertThat(getText("/actuator/prometheus")).contains("afterhours_ingest_publish_latency_seconds")
                .contains("afterhours_topic_follower_restarts_total{follower=\"afterhours.messages.received.v1\"}")
                .contains("afterhours_topic_follower_caught_up{follower=\"afterhours.messages.received.v1\"} 1");
    }
}
