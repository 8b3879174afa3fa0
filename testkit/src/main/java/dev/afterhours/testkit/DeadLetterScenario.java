package dev.afterhours.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.afterhours.contracts.Topic;
import dev.afterhours.contracts.deadletter.DeadLetterAdmin;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dead-letter admin API ({@code /api/v1/admin/dead-letters}) tried the same way against every service that
 * parks records: a poison record on the topic it consumes is parked, listed with its reason (never its body),
 * replayed once to its original topic (a second replay answers 409), processed once more (still poison, so
 * parked again), and the first dead letter then shows as replayed. Each service's IT calls it with its own port
 * and topic, after its listeners are running.
 */
public final class DeadLetterScenario {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newHttpClient();
    private final int port;
    private final Topic<?, ?> original;
    private final String deadLetterTopic;

    private DeadLetterScenario(int port, Topic<?, ?> original) {
        this.port = port;
        this.original = original;
        this.deadLetterTopic = original.deadLetterTopic();
    }

    /**
     * @param port     the service's HTTP port
     * @param original a topic the service consumes and dead-letters
     */
    public static void poisonIsParkedListedAndReplayedExactlyOnce(int port, Topic<?, ?> original) throws Exception {
        new DeadLetterScenario(port, original).run();
    }

    private void run() throws Exception {
        String key = "it-replay-" + UUID.randomUUID();
        byte[] poison = "{\"not\": \"avro\"}".getBytes(StandardCharsets.UTF_8);
        TopicProbe.sendRaw(original, key, poison);

        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(250)).until(() -> !lettersWithKey(key).isEmpty());
        JsonNode letter = lettersWithKey(key).getFirst();
        assertThat(letter.path("size").asInt()).isEqualTo(poison.length);
        assertThat(letter.path("replayed").asBoolean()).isFalse();
        assertThat(letter.path("reason").path("originalTopic").asString()).isEqualTo(original.name());
        assertThat(letter.path("reason").path("exception").asString()).isNotBlank();
        assertThat(letter.path("reason").path("originalOffset").isIntegralNumber()).isTrue();
        assertThat(letter.toString()).doesNotContain("not\\\": \\\"avro").doesNotContain("stacktrace");
        int partition = letter.path("partition").asInt();
        long offset = letter.path("offset").asLong();
        String request = "{\"topic\": \"%s\", \"partition\": %d, \"offset\": %d}".formatted(deadLetterTopic, partition,
                offset);

        HttpResponse<String> replayed = post("/api/v1/admin/dead-letters/replay", request);
        HttpResponse<String> again = post("/api/v1/admin/dead-letters/replay", request);

        assertThat(replayed.statusCode()).as(replayed.body()).isEqualTo(200);
        assertThat(JSON.readTree(replayed.body()).path("topic").asString()).isEqualTo(original.name());
        assertThat(again.statusCode()).as(again.body()).isEqualTo(409);
        assertThat(again.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(JSON.readTree(again.body()).path("field").asString()).isEqualTo("offset");

        // The original bytes are back on the original topic once, marked with where they came from ...
        List<ConsumerRecord<byte[], byte[]>> onInput = withKey(key, 2);
        assertThat(onInput).hasSize(2);
        ConsumerRecord<byte[], byte[]> replay = onInput.get(1);
        assertThat(replay.value()).isEqualTo(poison);
        assertThat(new String(replay.headers().lastHeader(DeadLetterAdmin.REPLAYED_FROM_HEADER).value(),
                StandardCharsets.UTF_8)).isEqualTo(deadLetterTopic + ":" + partition + ":" + offset);
        // ... processed once more (still poison, so parked again), and the first dead letter shows as replayed.
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(250)).until(() -> lettersWithKey(key).size() == 2);
        assertThat(lettersWithKey(key)).filteredOn(l -> l.path("offset").asLong() == offset)
                .singleElement().satisfies(l -> assertThat(l.path("replayed").asBoolean()).isTrue());
        // Exactly once: neither the replay nor its processing happens a second time.
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(250))
                .until(() -> lettersWithKey(key).size() == 2 && withKey(key, 2).size() == 2);
    }

    private List<JsonNode> lettersWithKey(String key) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request("/api/v1/admin/dead-letters?topic=" + deadLetterTopic
                + "&limit=500").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).path("deadLetters").valueStream()
                .filter(letter -> key.equals(letter.path("key").asString(null))).toList();
    }

    private HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return http.send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", AfterhoursTestEnvironment.issuer().bearer("ada", "admin"));
    }

    private List<ConsumerRecord<byte[], byte[]>> withKey(String key, int atLeast) {
        return TopicProbe.readUntil(original, all -> all.stream().filter(r -> hasKey(r, key)).count() >= atLeast,
                TIMEOUT).stream().filter(r -> hasKey(r, key)).toList();
    }

    private static boolean hasKey(ConsumerRecord<byte[], byte[]> record, String key) {
        return record.key() != null && key.equals(new String(record.key(), StandardCharsets.UTF_8));
    }
}
