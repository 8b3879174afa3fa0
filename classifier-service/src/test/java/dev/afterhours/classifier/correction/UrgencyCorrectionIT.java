package dev.afterhours.classifier.correction;

import static dev.afterhours.classifier.support.Fixtures.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.afterhours.classifier.support.BrokerFixtures;
import dev.afterhours.contracts.CorrectionDirection;
import dev.afterhours.contracts.MessageClassified;
import dev.afterhours.contracts.MessageReceived;
import dev.afterhours.contracts.Topics;
import dev.afterhours.contracts.Urgency;
import dev.afterhours.contracts.UrgencyCorrected;
import dev.afterhours.contracts.serde.RegistrySerdes;
import dev.afterhours.testkit.AfterhoursTestEnvironment;
import dev.afterhours.testkit.ConfluentWireFormat;
import dev.afterhours.testkit.TopicProbe;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Corrections against a real KRaft broker and a real Apicurio Registry: a message is classified by the pipeline,
 * a staff member corrects it over HTTP, and the UrgencyCorrected is on its topic, counted, and exported.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class UrgencyCorrectionIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private static KafkaProducer<String, MessageReceived> producer;
    private static Deserializer<MessageClassified> classifiedDeserializer;
    private static Deserializer<UrgencyCorrected> correctionDeserializer;

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        AfterhoursTestEnvironment.springProperties().forEach((k, v) -> registry.add(k, () -> v));
    }

    @BeforeAll
    static void seedDirectoryAndConnect() throws InterruptedException {
        BrokerFixtures.seedDemoDirectory(TIMEOUT);
        String bootstrap = AfterhoursTestEnvironment.bootstrapServers();
        Map<String, Object> config = new HashMap<>(AfterhoursTestEnvironment.serdeConfig());
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        String coreApi = AfterhoursTestEnvironment.registry().coreApiUrl();
        producer = new KafkaProducer<>(config, new StringSerializer(), RegistrySerdes.valueSerializer(coreApi));
        classifiedDeserializer = RegistrySerdes.valueDeserializer(coreApi);
        correctionDeserializer = RegistrySerdes.valueDeserializer(coreApi);
    }

    @AfterAll
    static void disconnect() {
        producer.close();
        classifiedDeserializer.close();
        correctionDeserializer.close();
    }

    @Test
    void aCorrectionIsPublishedCountedAndExportedLatestFirst() throws Exception {
        MessageReceived sent = send(message("acme-shop", "Our weekly newsletter",
                "Sorry to bother you, but our checkout is broken"));
        MessageClassified classified = awaitClassification(sent);
        Urgency previous = classified.getUrgency();
        Urgency corrected = previous == Urgency.LOW ? Urgency.EMERGENCY : Urgency.LOW;
        CorrectionDirection direction = previous == Urgency.LOW ? CorrectionDirection.RAISED : CorrectionDirection.LOWERED;

        HttpResponse<String> response = post("/api/v1/messages/" + sent.getMessageId() + "/urgency", """
                {"urgency": "%s", "correctedBy": "alice", "reason": "client's weekly newsletter, not an outage"}"""
                .formatted(corrected.name().toLowerCase()));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        JsonNode body = json.readTree(response.body());
        assertThat(body.get("messageId").asString()).isEqualTo(sent.getMessageId());
        assertThat(body.get("clientId").asString()).isEqualTo("acme-shop");
        assertThat(body.get("previousUrgency").asString()).isEqualTo(previous.name());
        assertThat(body.get("correctedUrgency").asString()).isEqualTo(corrected.name());
        assertThat(body.get("direction").asString()).isEqualTo(direction.name());
        assertThat(body.get("correctedBy").asString()).isEqualTo("alice");
        assertThat(body.get("reason").asString()).isEqualTo("client's weekly newsletter, not an outage");
        String correctionId = body.get("correctionId").asString();
        assertThat(UUID.fromString(correctionId)).isNotNull();
        assertThat(body.get("correctedAt").asString()).isNotBlank();

        // Acknowledged before the 202, so it is on the topic now; decoded as any Confluent consumer would, too.
        ConsumerRecord<byte[], byte[]> record = awaitCorrections(sent, 1).getFirst();
        assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("acme-shop");
        assertThat(new ConfluentWireFormat(AfterhoursTestEnvironment.registry().confluentCompatibleUrl())
                .decode(record.value()).writerSchema().getFullName()).isEqualTo(UrgencyCorrected.class.getName());
        UrgencyCorrected event = correctionDeserializer.deserialize(record.topic(), record.value());
        assertThat(event.getCorrectionId()).hasToString(correctionId);
        assertThat(event.getMessageId()).isEqualTo(sent.getMessageId());
        assertThat(event.getClientId()).isEqualTo("acme-shop");
        assertThat(event.getConversationId()).isEqualTo(sent.getConversationId());
        assertThat(event.getChannel()).isEqualTo(sent.getChannel());
        assertThat(event.getPreviousUrgency()).isEqualTo(previous);
        assertThat(event.getPreviousReasons()).isEqualTo(classified.getReasons());
        assertThat(event.getCorrectedUrgency()).isEqualTo(corrected);
        assertThat(event.getDirection()).isEqualTo(direction);
        assertThat(event.getCorrectedBy()).isEqualTo("alice");
        assertThat(event.getReason()).isEqualTo("client's weekly newsletter, not an outage");
        assertThat(event.getMessage()).isEqualTo(sent);

        String prometheus = get("/actuator/prometheus").body();
        assertThat(prometheus).containsPattern("afterhours_classifier_corrections_total\\{"
                + "client=\"acme-shop\",direction=\"" + direction.name().toLowerCase() + "\",from=\"" + previous.name()
                + "\",to=\"" + corrected.name() + "\"[^}]*} [1-9]");
        assertThat(prometheus).containsPattern("afterhours_classifier_corrections_index_messages(\\{[^}]*})? [1-9]")
                .containsPattern("afterhours_classifier_corrections_index_memory_bytes(\\{[^}]*})? [1-9]")
                .contains("afterhours_classifier_corrections_index_skipped_total");

        // Bob disagrees with alice: the export holds one line for the message, his.
        assertThat(postAs("bob", "/api/v1/messages/" + sent.getMessageId() + "/urgency", """
                {"urgency": "NORMAL", "reason": "they do ask a question"}""").statusCode())
                .isEqualTo(202);
        awaitCorrections(sent, 2);
        HttpResponse<String> export = get("/api/v1/corrections/export");
        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(export.headers().firstValue("Content-Type")).hasValue("application/x-ndjson");
        List<JsonNode> lines = export.body().lines().map(json::readTree)
                .filter(l -> l.get("id").asString().equals("correction-" + sent.getMessageId())).toList();
        assertThat(lines).singleElement().satisfies(line -> {
            assertThat(line.get("language").asString()).isEqualTo("und");
            assertThat(line.get("channel").asString()).isEqualTo("EMAIL");
            assertThat(line.get("subject").asString()).isEqualTo("Our weekly newsletter");
            assertThat(line.get("body").asString()).isEqualTo(sent.getBody());
            assertThat(line.get("headers").isObject()).isTrue();
            assertThat(line.get("urgency").asString()).isEqualTo("NORMAL");
            assertThat(line.get("needsResponse").asBoolean()).isTrue();
            assertThat(line.get("autoReply").asBoolean()).isFalse();
            assertThat(line.get("split").asString()).isEqualTo("train");
            assertThat(line.get("note").asString()).isEqualTo("corrected by bob: they do ask a question");
        });
    }

    @Test
    void aCorrectionRightAfterTheClassificationFindsIt() throws Exception {
        MessageReceived sent = send(message("bergmann-gmbh", null, "Können Sie mich morgen anrufen?")
                .setFrom("jonas@bergmann.example"));
        awaitClassification(sent);

        // No wait for the index: a miss waits for the index to reach the topic's end before answering 404.
        HttpResponse<String> response = postAs("carol", "/api/v1/messages/" + sent.getMessageId() + "/urgency", """
                {"urgency": "HIGH", "reason": "they are waiting on this for a launch"}""");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(json.readTree(response.body()).get("clientId").asString()).isEqualTo("bergmann-gmbh");
    }

    @Test
    void anUnknownMessageIsA404NamingItsId() throws Exception {
        String id = "msg-never-seen-" + UUID.randomUUID();

        HttpResponse<String> response = post("/api/v1/messages/" + id + "/urgency", """
                {"urgency": "LOW", "correctedBy": "alice", "reason": "newsletter"}""");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode body = json.readTree(response.body());
        assertThat(body.get("id").asString()).isEqualTo(id);
        assertThat(body.get("detail").asString()).contains(id);
    }

    @Test
    void badRequestsAre400sNamingTheField() throws Exception {
        String path = "/api/v1/messages/msg-whatever/urgency";
        Map<String, String> cases = Map.of(
                "{\"correctedBy\": \"alice\", \"reason\": \"r\"}", "urgency",
                "{\"urgency\": \"CRITICAL\", \"correctedBy\": \"alice\", \"reason\": \"r\"}", "urgency",
                "{\"urgency\": \"LOW\", \"correctedBy\": \"mallory\", \"reason\": \"r\"}", "correctedBy",
                "{\"urgency\": \"LOW\", \"correctedBy\": \"alice\", \"reason\": \"\"}", "reason",
                "{\"urgency\": \"LOW\", \"correctedBy\": \"alice\", \"reason\": \"r\", \"severity\": 1}", "severity",
                "urgency=LOW&correctedBy=alice", "body");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            HttpResponse<String> response = post(path, c.getKey());
            assertThat(response.statusCode()).as(c.getKey()).isEqualTo(400);
            JsonNode body = json.readTree(response.body());
            assertThat(body.get("field").asString()).as(c.getKey()).isEqualTo(c.getValue());
            assertThat(body.get("detail").asString()).as(c.getKey()).startsWith(c.getValue() + ": ");
        }
    }

    @Test
    void healthShowsTheIndexOnceItHasReadTheClassifiedTopic() throws Exception {
        await().atMost(TIMEOUT).untilAsserted(() -> {
            JsonNode health = json.readTree(get("/actuator/health").body());
            assertThat(health.at("/components/correctionIndex/status").asString()).isEqualTo("UP");
            assertThat(health.at("/components/correctionIndex/details/skipped").asLong()).isZero();
            // The index is kept by the shared topic follower: restarts in the details and in the metrics.
            assertThat(health.at("/components/correctionIndex/details/restarts").isNumber()).isTrue();
        });
        assertThat(get("/actuator/prometheus").body())
                .contains("afterhours_topic_follower_restarts_total{follower=\"afterhours.messages.classified.v1\"}")
                .contains("afterhours_topic_follower_caught_up{follower=\"afterhours.messages.classified.v1\"} 1");
    }

    private MessageReceived send(MessageReceived.Builder builder) throws Exception {
        MessageReceived message = builder.build();
        producer.send(new ProducerRecord<>(Topics.MESSAGES_RECEIVED.name(), message.getClientId(), message)).get();
        return message;
    }

    private MessageClassified awaitClassification(MessageReceived message) {
        return BrokerFixtures.awaitClassification(message, classifiedDeserializer, TIMEOUT);
    }

    private List<ConsumerRecord<byte[], byte[]>> awaitCorrections(MessageReceived message, int count) {
        List<ConsumerRecord<byte[], byte[]>> records = TopicProbe.readUntil(Topics.URGENCY_CORRECTIONS,
                        all -> all.stream().filter(r -> isCorrectionOf(r, message)).count() >= count, TIMEOUT).stream()
                .filter(r -> isCorrectionOf(r, message)).toList();
        assertThat(records).hasSize(count);
        return records;
    }

    private static boolean isCorrectionOf(ConsumerRecord<byte[], byte[]> record, MessageReceived message) {
        return correctionDeserializer.deserialize(record.topic(), record.value()).getMessageId()
                .equals(message.getMessageId());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Authorization", AfterhoursTestEnvironment.issuer().bearer("ada", "admin")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return postAs("alice", path, body);
    }

    private HttpResponse<String> postAs(String user, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Content-Type", "application/json")
                        .header("Authorization", AfterhoursTestEnvironment.issuer().bearer(user, "staff"))
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
