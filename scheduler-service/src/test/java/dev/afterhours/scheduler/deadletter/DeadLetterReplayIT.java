package dev.afterhours.scheduler.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.afterhours.contracts.Topics;
import dev.afterhours.scheduler.ItSupport;
import dev.afterhours.testkit.AfterhoursTestEnvironment;
import dev.afterhours.testkit.DeadLetterScenario;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Dead letters listed and replayed through the admin API, against the testkit's broker and registry: a record the
 * scheduler cannot decode is parked, listed with its reason (not its body), replayed once to its original
 * topic, and a second replay of it answers 409.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class DeadLetterReplayIT {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String DLT = Topics.MESSAGES_CLASSIFIED.deadLetterTopic();

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) throws IOException {
        ItSupport.infrastructure(registry, "dlt-it-" + RUN);
    }

    @BeforeAll
    static void topics() {
        ItSupport.provisionTopics();
    }

    @BeforeEach
    void ready() {
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(250))
                .until(() -> get("/api/v1/admin/dead-letters?topic=" + DLT).statusCode() == 200
                        && get("/actuator/health/readiness").statusCode() == 200);
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Authorization", AfterhoursTestEnvironment.issuer().bearer("ada", "admin")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return postAs(AfterhoursTestEnvironment.issuer().bearer("ada", "admin"), path, body);
    }

    private HttpResponse<String> postAs(String authorization, String path, String body)
            throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json").header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aParkedRecordIsListedWithItsReasonAndReplayedExactlyOnce() throws Exception {
        DeadLetterScenario.poisonIsParkedListedAndReplayedExactlyOnce(port, Topics.MESSAGES_CLASSIFIED);
    }

    @Test
    void onlyAnAdminListsOrReplays() throws Exception {
        String replay = "{\"topic\": \"" + DLT + "\", \"partition\": 0, \"offset\": 0}";
        assertThat(postAs(AfterhoursTestEnvironment.issuer().bearer("alice", "staff"),
                "/api/v1/admin/dead-letters/replay", replay).statusCode()).isEqualTo(403);
        assertThat(http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/api/v1/admin/dead-letters?topic=" + DLT)).GET().build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
    }

    @Test
    void badRequestsAreProblemsNamingTheField() throws Exception {
        HttpResponse<String> unknownTopic = get("/api/v1/admin/dead-letters?topic=afterhours.escalations.v1.dlt");
        assertThat(unknownTopic.statusCode()).isEqualTo(400);
        assertThat(json.readTree(unknownTopic.body()).path("field").asString()).isEqualTo("topic");

        HttpResponse<String> badLimit = get("/api/v1/admin/dead-letters?topic=" + DLT + "&limit=0");
        assertThat(badLimit.statusCode()).isEqualTo(400);
        assertThat(json.readTree(badLimit.body()).path("field").asString()).isEqualTo("limit");

        HttpResponse<String> noOffset = post("/api/v1/admin/dead-letters/replay",
                "{\"topic\": \"" + DLT + "\", \"partition\": 0}");
        assertThat(noOffset.statusCode()).isEqualTo(400);
        assertThat(json.readTree(noOffset.body()).path("field").asString()).isEqualTo("offset");

        HttpResponse<String> missing = post("/api/v1/admin/dead-letters/replay",
                "{\"topic\": \"" + DLT + "\", \"partition\": 0, \"offset\": 999999999}");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(json.readTree(missing.body()).path("field").asString()).isEqualTo("offset");
    }
}
