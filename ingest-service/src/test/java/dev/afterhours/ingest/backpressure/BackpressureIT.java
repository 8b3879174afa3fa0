package dev.afterhours.ingest.backpressure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.afterhours.contracts.Topics;
import dev.afterhours.ingest.IngestITSupport;
import dev.afterhours.testkit.AfterhoursTestEnvironment;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * Backpressure against the real broker: a consumer group standing in for the classifier that has committed offset 0
 * and never consumes, so every message on the received topic is backlog, over a limit of 5.
 */
@TestPropertySource(properties = {
        "afterhours.ingest.backpressure.max-backlog=5",
        "afterhours.ingest.backpressure.group=" + BackpressureIT.GROUP,
        "afterhours.ingest.backpressure.lag-groups=" + BackpressureIT.GROUP,
        "afterhours.ingest.backpressure.refresh-interval=PT0.2S"})
class BackpressureIT extends IngestITSupport {

    static final String GROUP = "backpressure-it-classifier";
    private static final String LAG = "afterhours_pipeline_consumer_lag{group=\"" + GROUP + "\",topic=\""
            + Topics.MESSAGES_RECEIVED.name() + "\"}";

    @Test
    void overTheBacklogRoutineGets429WithRetryAfter_whileEmergenciesAndUrgentMessagesAreStillTaken() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                AfterhoursTestEnvironment.bootstrapServers()))) {
            Map<TopicPartition, OffsetAndMetadata> fromTheStart = admin.describeTopics(
                            List.of(Topics.MESSAGES_RECEIVED.name())).allTopicNames().get()
                    .get(Topics.MESSAGES_RECEIVED.name()).partitions().stream()
                    .collect(Collectors.toMap(p -> new TopicPartition(Topics.MESSAGES_RECEIVED.name(), p.partition()),
                            p -> new OffsetAndMetadata(0)));
            admin.alterConsumerGroupOffsets(GROUP, fromTheStart).all().get();

            // Ingest keeps taking routine messages until the backlog it reads in the background passes the limit.
            Response refused = fillUntilRefused();

            assertProblem(refused, 429, null);
            assertThat(refused.text("title")).isEqualTo("Pipeline behind");
            assertThat(refused.json().path("maxBacklog").asLong()).isEqualTo(5);
            assertThat(refused.json().path("backlog").asLong()).isGreaterThan(5);
            assertThat(refused.text("detail")).contains("pipeline is behind", "emergency line");
            assertThat(refused.headers().get("Retry-After")).singleElement()
                    .satisfies(seconds -> assertThat(Long.parseLong(seconds)).isBetween(1L, 60L));
            String routineId = unique("routine");
            assertThat(post("/api/v1/messages", sms(routineId, "+15550100001", "+15550100002", null)).status())
                    .isEqualTo(429);
            assertThat(received(routineId)).as("nothing written for a refused message").isEmpty();
            Response rawMail = send(HttpRequest.newBuilder(uri("/api/v1/inbound/email"))
                    .header("Content-Type", "message/rfc822").POST(HttpRequest.BodyPublishers.ofString(
                            "From: dana@acme-shop.example\r\nTo: support@agency.example\r\nSubject: Invoice\r\n"
                                    + "Message-ID: <" + unique("mail") + "@acme-shop.example>\r\n\r\nA routine question.\r\n")));
            assertProblem(rawMail, 429, null);

            String emergencyId = unique("emergency-line");
            Response emergency = post("/api/v1/messages", sms(emergencyId, "+15550100001", "+1 555 019 9911", null));
            assertThat(emergency.status()).as(emergency.json().toString()).isEqualTo(202);
            assertThat(received(emergencyId)).singleElement()
                    .satisfies(e -> assertThat(e.getValue().getClientId()).isEqualTo("acme-shop"));

            String urgentId = unique("urgent");
            assertThat(post("/api/v1/messages", sms(urgentId, "+15550100003", "+15550100002", "urgent")).status())
                    .isEqualTo(202);
            assertThat(received(urgentId)).hasSize(1);

            assertThat(getText("/actuator/prometheus")).containsPattern(java.util.regex.Pattern.quote(LAG) + " [1-9]");
            assertThat(getText("/actuator/prometheus"))
                    .containsPattern("afterhours_ingest_messages_total\\{[^}]*outcome=\"throttled\"[^}]*} [1-9]");

            // No committed offsets, no backlog known: nothing is refused (the same as Kafka's admin API failing).
            admin.deleteConsumerGroups(List.of(GROUP)).all().get();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(post("/api/v1/messages", sms(unique("after"), "+15550100001", "+15550100002", null))
                            .status()).isEqualTo(202));
            assertThat(getText("/actuator/prometheus")).doesNotContain(LAG);
        }
    }

    private Response fillUntilRefused() {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            Response response = post("/api/v1/messages", sms(unique("fill"), "+15550100001", "+15550100002", null));
            if (response.status() == 429) {
                return response;
            }
            assertThat(response.status()).as(response.json().toString()).isEqualTo(202);
        }
        throw new AssertionError("no 429 within 60 s while the backlog grew past 5");
    }

    private static String sms(String id, String from, String to, @Nullable String priority) {
        return """
                {"channel": "SMS", "provider": "twilio", "providerMessageId": "%s", "from": "%s", "to": ["%s"],
                 "body": "the printer is out of toner"%s}""".formatted(id, from, to,
                priority == null ? "" : ", \"headers\": {\"Priority\": \"" + priority + "\"}");
    }
}
