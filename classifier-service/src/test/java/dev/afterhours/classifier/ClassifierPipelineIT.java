package dev.afterhours.classifier;

import static dev.afterhours.classifier.support.Fixtures.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.afterhours.classifier.classification.MessageClassifier;
import dev.afterhours.classifier.classification.CombinedClassifier;
import dev.afterhours.classifier.classification.ContactHistory;
import dev.afterhours.classifier.classification.RuleBasedClassifier;
import dev.afterhours.classifier.model.UrgencyModel;
import dev.afterhours.classifier.support.BrokerFixtures;
import dev.afterhours.contracts.AfterHoursStatus;
import dev.afterhours.contracts.Channel;
import dev.afterhours.contracts.Direction;
import dev.afterhours.contracts.MessageClassified;
import dev.afterhours.contracts.MessageReceived;
import dev.afterhours.contracts.Topic;
import dev.afterhours.contracts.Topics;
import dev.afterhours.contracts.Urgency;
import dev.afterhours.contracts.serde.RegistrySerdes;
import dev.afterhours.testkit.AfterhoursTestEnvironment;
import dev.afterhours.testkit.DeadLetterScenario;
import dev.afterhours.testkit.TopicProbe;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The classifier against a real KRaft broker and a real Apicurio Registry, with the demo directory seeded:
 * received messages in, exactly one classified record each out, poison parked on the dead-letter topic.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ClassifierPipelineIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** A body with this marker makes the test classifier fail once after it has already produced a record. */
    private static final String FAIL_ONCE = "[fail-once-after-producing]";

    private static KafkaProducer<String, MessageReceived> producer;
    private static KafkaProducer<String, byte[]> rawProducer;
    private static Deserializer<MessageClassified> classifiedDeserializer;

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        AfterhoursTestEnvironment.springProperties().forEach((k, v) -> registry.add(k, () -> v));
        registry.add("afterhours.classifier.retry.backoff", () -> "200ms");
    }

    /** The demo directory, published the way the local stack seeds it, before the service starts. */
    @BeforeAll
    static void seedDirectoryAndConnect() throws InterruptedException {
        BrokerFixtures.seedDemoDirectory(TIMEOUT);
        String bootstrap = AfterhoursTestEnvironment.bootstrapServers();
        Map<String, Object> config = new HashMap<>(AfterhoursTestEnvironment.serdeConfig());
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(config, new StringSerializer(),
                RegistrySerdes.valueSerializer(AfterhoursTestEnvironment.registry().coreApiUrl()));
        rawProducer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        classifiedDeserializer = RegistrySerdes.valueDeserializer(AfterhoursTestEnvironment.registry().coreApiUrl());
    }

    @AfterAll
    static void disconnect() {
        producer.close();
        rawProducer.close();
        classifiedDeserializer.close();
    }

    @TestConfiguration
    static class FailOnceAfterProducing {

        static final AtomicInteger failures = new AtomicInteger();
        private static final Set<String> failedOnce = ConcurrentHashMap.newKeySet();

        /**
         * The service's classifier, except that a message with the marker first writes a bogus classification
         * through the listener's own template and then throws: the crash after producing that transactions must undo.
         */
        @Bean
        @Primary
        MessageClassifier failOnceAfterProducing(ObjectProvider<KafkaTemplate<String, Object>> template,
                                                 ContactHistory history) {
            MessageClassifier rules = new CombinedClassifier(new RuleBasedClassifier(), UrgencyModel.fromClasspath(),
                    history);
            return (message, client, now) -> {
                if (message.getBody().contains(FAIL_ONCE) && failedOnce.add(message.getMessageId())) {
                    template.getObject().send(Topics.MESSAGES_CLASSIFIED.name(), message.getClientId(),
                            MessageClassified.newBuilder()
                                    .setMessageId(message.getMessageId()).setClientId(message.getClientId())
                                    .setConversationId(message.getConversationId()).setUrgency(Urgency.LOW)
                                    .setConfidence(0).setReasons(List.of("aborted attempt")).setNeedsResponse(false)
                                    .setAutoReply(false).setAfterHoursStatus(AfterHoursStatus.IN_HOURS)
                                    .setClientLocalTime("-").setClassifiedAt(now).setMessage(message).build());
                    // Flushed, so the record is on the broker (the producer lingers, and an abort drops what it
                    // has not sent yet): the crash comes after producing, not before.
                    template.getObject().flush();
                    failures.incrementAndGet();
                    throw new IllegalStateException("simulated crash after producing");
                }
                return rules.classify(message, client, now);
            };
        }
    }

    // fixed instants from here: the classifier runs no timer; a received instant only places the message in its
    // client's week (in hours, after hours, a holiday), which is what these tests are about
    @Test
    void classifiesEachMessageAgainstItsClientsCalendarExactlyOnce() throws Exception {
        MessageReceived inHoursEmergency = send(message("acme-shop", "Quick question",
                "Sorry to bother you, but our checkout is broken").setReceivedAt(Instant.parse("2026-11-23T22:14:05Z")));
        MessageReceived afterHours = send(message("acme-shop", "Banner", "Could you swap the homepage banner?")
                .setReceivedAt(Instant.parse("2026-11-24T03:00:00Z")));
        MessageReceived thanksgiving = send(message("acme-shop", "URGENT!!!",
                "URGENT!!! can you change the font on the footer").setReceivedAt(Instant.parse("2026-11-26T15:00:00Z")));
        MessageReceived saturday = send(message("acme-shop", "Re: banner", "Thanks!")
                .setReceivedAt(Instant.parse("2026-11-28T15:00:00Z")));
        MessageReceived unknownClient = send(message(Topics.UNRESOLVED_CLIENT, null, "Can you send me a quote?")
                .setReceivedAt(Instant.parse("2026-11-23T22:14:05Z")));
        MessageReceived staffReply = send(message("acme-shop", "Re: checkout", "Fixed, sorry about that!")
                .setDirection(Direction.OUTBOUND).setFrom("alice@agency.example")
                .setReceivedAt(Instant.parse("2026-11-23T22:20:00Z")));
        MessageReceived germanOutOfOffice = send(message("bergmann-gmbh", "Abwesenheitsnotiz: Angebot",
                "Ich bin bis zum 30.11. nicht im Büro.").setFrom("jonas@bergmann.example")
                .setReceivedAt(Instant.parse("2026-11-23T10:00:00Z")));
        MessageReceived emergencyLine = send(message("acme-shop", null, "Please call me back.")
                .setChannel(Channel.VOICE).setFrom("+15550100002").setTo(List.of("+15550199911"))
                .setReceivedAt(Instant.parse("2026-11-28T07:00:00Z")));

        Map<String, List<MessageClassified>> out = awaitClassified(Set.of(inHoursEmergency, afterHours, thanksgiving,
                saturday, unknownClient, staffReply, germanOutOfOffice, emergencyLine));

        assertThat(only(out, inHoursEmergency)).satisfies(c -> {
            assertThat(c.getUrgency()).isEqualTo(Urgency.EMERGENCY);
            assertThat(c.getReasons()).first().isEqualTo("matched 'checkout is broken' (client's emergency phrase)");
            assertThat(c.getAfterHoursStatus()).isEqualTo(AfterHoursStatus.IN_HOURS);
            assertThat(c.getClientLocalTime()).isEqualTo("2026-11-23T17:14:05-05:00[America/New_York]");
            assertThat(c.getClientId()).isEqualTo("acme-shop");
            assertThat(c.getMessage()).isEqualTo(inHoursEmergency);
        });
        assertThat(only(out, afterHours)).satisfies(c -> {
            // NORMAL or HIGH is the model's call (HeldOutEvaluationTest measures it); paging for a banner never is.
            assertThat(c.getUrgency()).isIn(Urgency.NORMAL, Urgency.HIGH);
            assertThat(c.getAfterHoursStatus()).isEqualTo(AfterHoursStatus.AFTER_HOURS);
        });
        assertThat(only(out, thanksgiving)).satisfies(c -> {
            assertThat(c.getUrgency()).isEqualTo(Urgency.HIGH);
            assertThat(c.getAfterHoursStatus()).isEqualTo(AfterHoursStatus.HOLIDAY);
        });
        assertThat(only(out, saturday)).satisfies(c -> {
            assertThat(c.getUrgency()).isEqualTo(Urgency.LOW);
            assertThat(c.getNeedsResponse()).isFalse();
            assertThat(c.getAfterHoursStatus()).isEqualTo(AfterHoursStatus.WEEKEND);
        });
        // The agency default closes at 17:00, acme-shop at 17:30: the same instant is after hours here.
        assertThat(only(out, unknownClient).getAfterHoursStatus()).isEqualTo(AfterHoursStatus.AFTER_HOURS);
        assertThat(only(out, staffReply)).satisfies(c -> {
            assertThat(c.getUrgency()).isEqualTo(Urgency.LOW);
            assertThat(c.getNeedsResponse()).isFalse();
            assertThat(c.getReasons()).containsExactly("outbound reply from staff");
        });
        assertThat(only(out, germanOutOfOffice)).satisfies(c -> {
            assertThat(c.getAutoReply()).isTrue();
            assertThat(c.getNeedsResponse()).isFalse();
            assertThat(c.getAfterHoursStatus()).isEqualTo(AfterHoursStatus.IN_HOURS);
            assertThat(c.getClientLocalTime()).isEqualTo("2026-11-23T11:00+01:00[Europe/Berlin]");
        });
        assertThat(only(out, emergencyLine)).satisfies(c -> {
            assertThat(c.getUrgency()).isEqualTo(Urgency.EMERGENCY);
            assertThat(c.getReasons()).containsExactly("dedicated emergency line +15550199911");
            assertThat(c.getAfterHoursStatus()).isEqualTo(AfterHoursStatus.WEEKEND);
        });

        String prometheus = get("/actuator/prometheus").body();
        assertThat(prometheus).containsPattern("afterhours_classifier_messages_total\\{[^}]*after_hours=\"HOLIDAY\"[^}]*"
                + "auto_reply=\"false\"[^}]*channel=\"EMAIL\"[^}]*urgency=\"HIGH\"[^}]*} [1-9]");
    }

    // fixed instants end

    @Test
    void aCrashAfterProducingLeavesExactlyOneCommittedClassification() throws Exception {
        int failuresBefore = FailOnceAfterProducing.failures.get();
        MessageReceived flaky = send(message("acme-shop", "Payments", "Payments are failing everywhere " + FAIL_ONCE));

        Map<String, List<MessageClassified>> out = awaitClassified(Set.of(flaky));

        assertThat(FailOnceAfterProducing.failures.get()).isEqualTo(failuresBefore + 1);
        assertThat(only(out, flaky).getUrgency()).isEqualTo(Urgency.EMERGENCY);
        // The aborted attempt is in the log, but no read_committed consumer ever sees it.
        List<MessageClassified> everything = readUncommitted(Topics.MESSAGES_CLASSIFIED).stream()
                .filter(c -> c.getMessageId().equals(flaky.getMessageId())).toList();
        assertThat(everything).hasSize(2).extracting(c -> c.getReasons().getFirst())
                .containsExactlyInAnyOrder("aborted attempt", "matched 'payments are failing'");
    }

    @Test
    void aPoisonRecordIsParkedWithItsReasonAndTheNextMessageIsStillClassified() throws Exception {
        byte[] poison = ("not avro at all " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        rawProducer.send(new ProducerRecord<>(Topics.MESSAGES_RECEIVED.name(), "acme-shop", poison)).get();
        MessageReceived next = send(message("acme-shop", null, "Can you call me tomorrow?"));

        assertThat(only(awaitClassified(Set.of(next)), next).getMessage()).isEqualTo(next);

        Topic<String, MessageReceived> deadLetters = new Topic<>(Topics.MESSAGES_RECEIVED.deadLetterTopic(),
                String.class, MessageReceived.class, false);
        List<ConsumerRecord<byte[], byte[]>> parked = TopicProbe.readUntil(deadLetters,
                records -> records.stream().anyMatch(r -> Arrays.equals(r.value(), poison)), TIMEOUT).stream()
                .filter(r -> Arrays.equals(r.value(), poison)).toList();
        assertThat(parked).hasSize(1);
        ConsumerRecord<byte[], byte[]> record = parked.getFirst();
        assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("acme-shop");
        assertThat(header(record, "kafka_dlt-original-topic")).isEqualTo(Topics.MESSAGES_RECEIVED.name());
        assertThat(header(record, "kafka_dlt-exception-fqcn") + header(record, "kafka_dlt-exception-cause-fqcn"))
                .contains("DeserializationException");
        assertThat(header(record, "kafka_dlt-exception-message")).isNotBlank();

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(get("/actuator/prometheus").body())
                .containsPattern("afterhours_classifier_dead_letters_total\\{[^}]*reason=\"deserialization\"[^}]*} [1-9]"));
    }

    @Test
    void anAdminListsTheParkedRecordAndReplaysItExactlyOnce() throws Exception {
        DeadLetterScenario.poisonIsParkedListedAndReplayedExactlyOnce(port, Topics.MESSAGES_RECEIVED);
    }

    @Test
    void readinessWaitsForTheDirectory() throws Exception {
        await().atMost(TIMEOUT).untilAsserted(() -> {
            HttpResponse<String> readiness = get("/actuator/health/readiness");
            assertThat(readiness.statusCode()).isEqualTo(200);
            JsonNode body = json.readTree(readiness.body());
            assertThat(body.get("status").asString()).isEqualTo("UP");
            assertThat(body.at("/components/directory/status").asString()).isEqualTo("UP");
            assertThat(body.at("/components/directory/details/clients").asInt()).isGreaterThanOrEqualTo(2);
        });
    }

    @Test
    void previewUsesTheSameRulesAndCalendars() throws Exception {
        // fixed instants from here: the preview is a pure decision; no timer runs on it
        HttpResponse<String> response = post("/api/v1/classify", """
                {"channel": "EMAIL", "subject": "Quick question", "body": "Sorry to bother you, but our checkout is broken",
                 "headers": {}, "clientId": "acme-shop", "receivedAt": "2026-11-24T03:00:00Z"}""");
        // fixed instants end

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json.readTree(response.body());
        assertThat(body.get("urgency").asString()).isEqualTo("EMERGENCY");
        assertThat(body.get("confidence").asDouble()).isBetween(0.5, 1.0);
        assertThat(body.get("reasons").get(0).asString()).isEqualTo("matched 'checkout is broken' (client's emergency phrase)");
        assertThat(body.get("needsResponse").asBoolean()).isTrue();
        assertThat(body.get("autoReply").asBoolean()).isFalse();
        assertThat(body.get("afterHours").asString()).isEqualTo("AFTER_HOURS");

        HttpResponse<String> outOfOffice = post("/api/v1/classify", """
                {"channel": "EMAIL", "body": "Hello", "headers": {"precedence": "auto_reply"}}""");
        assertThat(json.readTree(outOfOffice.body()).get("autoReply").asBoolean()).isTrue();
    }

    /** An admin tuning rules must see exactly what the pipeline decides: same urgency, confidence and reasons. */
    @Test
    void previewAndPipelineGiveTheSameDecisionForTheSameMessage() throws Exception {
        // fixed instants from here: as above, the classifier runs no timer
        List<MessageReceived> messages = List.of(
                message("acme-shop", null, "So sorry to bother you, I think the shop stopped taking orders?")
                        .setChannel(Channel.SMS).setReceivedAt(Instant.parse("2026-11-24T08:00:00Z")).build(),
                message("acme-shop", "Footer", "URGENT!!! can you change the font on the footer")
                        .setReceivedAt(Instant.parse("2026-11-24T15:00:00Z")).build(),
                message("bergmann-gmbh", "Ihre Nachricht", "Vielen Dank für Ihre Nachricht. Ich bin derzeit abwesend "
                        + "und ab dem 7. Dezember wieder erreichbar.").setReceivedAt(Instant.parse("2026-11-24T09:00:00Z")).build(),
                message("acme-shop", "Logo", "No rush, but could the logo on the about page be a little bigger?")
                        .setReceivedAt(Instant.parse("2026-11-24T16:00:00Z")).build());
        // fixed instants end
        for (MessageReceived message : messages) {
            send(MessageReceived.newBuilder(message));
        }
        Map<String, List<MessageClassified>> out = awaitClassified(Set.copyOf(messages));

        for (MessageReceived message : messages) {
            MessageClassified pipeline = only(out, message);
            JsonNode preview = json.readTree(post("/api/v1/classify", json.writeValueAsString(Map.of(
                    "channel", message.getChannel().name(), "subject", message.getSubject() == null ? "" : message.getSubject(),
                    "body", message.getBody(), "headers", message.getHeaders(), "clientId", message.getClientId(),
                    "receivedAt", message.getReceivedAt().toString(), "from", message.getFrom(), "to", message.getTo()))).body());
            assertThat(preview.get("urgency").asString()).as(message.getBody()).isEqualTo(pipeline.getUrgency().name());
            assertThat(preview.get("confidence").asDouble()).as(message.getBody()).isEqualTo(pipeline.getConfidence());
            List<String> reasons = new ArrayList<>();
            preview.get("reasons").forEach(reason -> reasons.add(reason.asString()));
            assertThat(reasons).as(message.getBody()).isEqualTo(pipeline.getReasons());
            assertThat(preview.get("needsResponse").asBoolean()).isEqualTo(pipeline.getNeedsResponse());
            assertThat(preview.get("autoReply").asBoolean()).isEqualTo(pipeline.getAutoReply());
            assertThat(preview.get("afterHours").asString()).isEqualTo(pipeline.getAfterHoursStatus().name());
        }
    }

    @Test
    void previewNamesTheBadField() throws Exception {
        HttpResponse<String> response = post("/api/v1/classify", """
                {"channel": "PIGEON", "body": "hello"}""");

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode body = json.readTree(response.body());
        assertThat(body.get("field").asString()).isEqualTo("channel");
        assertThat(body.get("detail").asString()).startsWith("channel: 'PIGEON' is not one of");
    }

    private MessageReceived send(MessageReceived.Builder builder) throws Exception {
        MessageReceived message = builder.build();
        producer.send(new ProducerRecord<>(Topics.MESSAGES_RECEIVED.name(), message.getClientId(), message)).get();
        return message;
    }

    /** Reads the classified topic (read_committed) until every message has its classification. */
    private Map<String, List<MessageClassified>> awaitClassified(Set<MessageReceived> messages) {
        Set<String> ids = new HashSet<>();
        messages.forEach(m -> ids.add(m.getMessageId()));
        Map<String, List<MessageClassified>> byId = new HashMap<>();
        TopicProbe.readUntil(Topics.MESSAGES_CLASSIFIED, records -> {
            byId.clear();
            records.forEach(r -> {
                MessageClassified c = classifiedDeserializer.deserialize(r.topic(), r.value());
                byId.computeIfAbsent(c.getMessageId(), k -> new ArrayList<>()).add(c);
            });
            return byId.keySet().containsAll(ids);
        }, TIMEOUT);
        assertThat(byId.keySet()).containsAll(ids);
        byId.keySet().retainAll(ids);
        return byId;
    }

    private static MessageClassified only(Map<String, List<MessageClassified>> out, MessageReceived message) {
        assertThat(out.get(message.getMessageId())).as("classifications of %s", message.getBody()).hasSize(1);
        return out.get(message.getMessageId()).getFirst();
    }

    private List<MessageClassified> readUncommitted(Topic<?, ?> topic) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, AfterhoursTestEnvironment.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        List<MessageClassified> values = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    values.add(classifiedDeserializer.deserialize(r.topic(), r.value()));
                }
            }
        }
        return values;
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Authorization", AfterhoursTestEnvironment.issuer().bearer("victor", "viewer")).GET().build(),
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
