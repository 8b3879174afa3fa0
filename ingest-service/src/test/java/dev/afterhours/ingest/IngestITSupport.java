package dev.afterhours.ingest;

import dev.afterhours.contracts.EscalationRequested;
import dev.afterhours.contracts.MessageReceived;
import dev.afterhours.contracts.Topic;
import dev.afterhours.contracts.Topics;
import dev.afterhours.contracts.serde.RegistrySerdes;
import dev.afterhours.testkit.AfterhoursTestEnvironment;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The service on a random port against the testkit's real KRaft broker and Apicurio Registry, with the demo
 * directory seeded through {@code afterhours.directory.seed-file}. Talks plain HTTP, reads the real topic.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class IngestITSupport {

    /** The demo directory: clients acme-shop (dana@acme-shop.example) and bergmann-gmbh, staff alice, bob, carol. */
    public static final Path DEMO_DIRECTORY = Path.of("../deploy/local/directory.yml").toAbsolutePath().normalize();

    protected static final JsonMapper JSON = JsonMapper.builder().build();

    protected final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1) // chunked uploads are an HTTP/1.1 thing
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        properties().forEach((k, v) -> registry.add(k, () -> v));
    }

    /** Everything a context of this service needs to run against the test infrastructure. */
    public static Map<String, String> properties() {
        Map<String, String> properties = new HashMap<>(AfterhoursTestEnvironment.springProperties());
        properties.put("afterhours.directory.seed-file", DEMO_DIRECTORY.toString());
        // as the local stack does: the demo directory's webhooks point at the demo pager on localhost:8099
        properties.put("afterhours.directory.outbound-allow", "localhost:8099");
        return properties;
    }

    /**
     * Command-line arguments for a further instance of the service in this JVM. Arguments, not
     * {@code SpringApplicationBuilder.properties}: those are defaults, and application.yml would win over them.
     */
    public static String[] arguments(Map<String, String> overrides) {
        Map<String, String> all = new HashMap<>(properties());
        all.put("server.port", "0");
        all.putAll(overrides);
        return all.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    }

    public record Response(int status, JsonNode json, Map<String, List<String>> headers) {
        public String text(String field) {
            return json.path(field).asString();
        }
    }

    /** An RFC 9457 problem detail of this status, naming this field (or none). */
    protected static void assertProblem(Response response, int status, @Nullable String field) {
        org.assertj.core.api.Assertions.assertThat(response.status()).as(response.json().toString()).isEqualTo(status);
        org.assertj.core.api.Assertions.assertThat(response.headers().get("Content-Type"))
                .anySatisfy(type -> org.assertj.core.api.Assertions.assertThat(type).startsWith("application/problem+json"));
        org.assertj.core.api.Assertions.assertThat(response.json().path("status").asInt()).isEqualTo(status);
        org.assertj.core.api.Assertions.assertThat(response.json().path("detail").asString()).isNotBlank();
        org.assertj.core.api.Assertions.assertThat(response.json().has("error")).as("the old shape").isFalse();
        if (field != null) {
            org.assertj.core.api.Assertions.assertThat(response.text("field")).isEqualTo(field);
        }
    }

    protected static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    protected Response post(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** Without Content-Length: the body goes out chunked. */
    protected Response postChunked(String path, String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))));
    }

    protected Response put(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    protected Response get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    protected Response delete(String path) {
        return send(HttpRequest.newBuilder(uri(path)).DELETE());
    }

    /** Who calls by default: an admin, who may do everything; role tests say who they are with {@link #sendAs}. */
    protected static String admin() {
        return AfterhoursTestEnvironment.issuer().bearer("ada", "admin");
    }

    protected String getText(String path) {
        try {
            return http.send(HttpRequest.newBuilder(uri(path)).header("Authorization", admin()).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    protected Response send(HttpRequest.Builder request) {
        return sendAs(admin(), request);
    }

    /** Sends with this Authorization header, or with none. */
    protected Response sendAs(@Nullable String authorization, HttpRequest.Builder request) {
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode json = response.body().isBlank() ? JSON.missingNode() : JSON.readTree(response.body());
            return new Response(response.statusCode(), json, response.headers().map());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    protected URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** An INBOUND email as an integration would post it. */
    protected static String email(String providerMessageId, String from, String body) {
        // fixed instants from here: the provider's own timestamp is only recorded; ingest stamps receipt by its clock
        return """
                {"channel": "EMAIL", "provider": "postmark", "providerMessageId": "%s", "from": "%s",
                 "to": ["support@agency.example"], "subject": "Checkout", "body": "%s",
                 "providerTimestamp": "2026-11-23T22:14:05Z"}""".formatted(providerMessageId, from, body);
        // fixed instants end
    }

    /**
     * Every record of the received topic up to its current end (a 202 means the broker has acknowledged, so what
     * was accepted before this call is included), as raw key and value bytes.
     */
    protected static List<ConsumerRecord<byte[], byte[]>> receivedTopic() {
        return toEnd(Topics.MESSAGES_RECEIVED);
    }

    /** Every record of the topic up to its current end, as raw key and value bytes. */
    protected static List<ConsumerRecord<byte[], byte[]>> toEnd(Topic<?, ?> topic) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, AfterhoursTestEnvironment.bootstrapServers());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                     new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name(), Duration.ofSeconds(10))
                    .stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Could not read " + topic.name() + " to its end");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    /**
     * The escalations (decoded with the registry serde) about one message id, with their keys, as the escalations
     * topic holds them now: the early page is written before the caller is answered.
     */
    protected static List<Map.Entry<String, EscalationRequested>> escalations(String messageId) {
        try (Deserializer<EscalationRequested> values =
                     RegistrySerdes.valueDeserializer(AfterhoursTestEnvironment.registry().coreApiUrl())) {
            List<Map.Entry<String, EscalationRequested>> found = new ArrayList<>();
            for (ConsumerRecord<byte[], byte[]> record : toEnd(Topics.ESCALATIONS)) {
                EscalationRequested escalation = values.deserialize(record.topic(), record.value());
                if (escalation.getMessageId().equals(messageId)) {
                    found.add(Map.entry(new String(record.key(), StandardCharsets.UTF_8), escalation));
                }
            }
            return found;
        }
    }

    /** The received events (decoded with the registry serde) of one provider message id, with their keys. */
    protected static List<Map.Entry<String, MessageReceived>> received(String providerMessageId) {
        try (Deserializer<MessageReceived> values =
                     RegistrySerdes.valueDeserializer(AfterhoursTestEnvironment.registry().coreApiUrl())) {
            List<Map.Entry<String, MessageReceived>> events = new ArrayList<>();
            for (ConsumerRecord<byte[], byte[]> record : receivedTopic()) {
                MessageReceived event = values.deserialize(record.topic(), record.value());
                if (event.getProviderMessageId().equals(providerMessageId)) {
                    events.add(Map.entry(new String(record.key(), StandardCharsets.UTF_8), event));
                }
            }
            return events;
        }
    }
}
