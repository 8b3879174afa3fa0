package dev.afterhours.security.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.afterhours.testkit.TestIssuer;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Every cross-cutting error of a service that has only the shared module, in the RFC 9457 shape. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, classes = WebTestApp.class,
        properties = "afterhours.web.max-body-size=1KB")
class ApiProblemsIT {

    private static final TestIssuer ISSUER = TestIssuer.get();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String JSON_TYPE = "application/json";

    @DynamicPropertySource
    static void issuer(DynamicPropertyRegistry registry) {
        registry.add("afterhours.security.issuer-uri", ISSUER::issuerUri);
    }

    @LocalServerPort
    int port;

    private WebTestApp.Client client;
    private String viewer;

    @BeforeEach
    void setUp() {
        client = new WebTestApp.Client(port);
        viewer = ISSUER.token("victor", "viewer");
    }

    private static JsonNode problem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode json = JSON.readTree(response.body());
        assertThat(json.path("status").asInt()).isEqualTo(status);
        assertThat(json.path("title").asString()).isNotBlank();
        assertThat(json.path("detail").asString()).isNotBlank();
        return json;
    }

    @Test
    void malformedJsonIs400NamingTheBody() throws Exception {
        JsonNode json = problem(client.send("POST", "/api/v1/echo", viewer, JSON_TYPE,
                BodyPublishers.ofString("{\"a\": ")), 400);
        assertThat(json.path("field").asString()).isEqualTo("body");
        problem(client.send("POST", "/api/v1/echo", viewer, JSON_TYPE, BodyPublishers.noBody()), 400);
    }

    @Test
    void duplicateKeysAre400() throws Exception {
        JsonNode json = problem(client.send("POST", "/api/v1/echo", viewer, JSON_TYPE,
                BodyPublishers.ofString("{\"a\": 1, \"a\": 2}")), 400);
        assertThat(json.path("field").asString()).isEqualTo("body");
    }

    @Test
    void aWrongContentTypeIs415SayingWhichWouldDo() throws Exception {
        JsonNode json = problem(client.send("POST", "/api/v1/echo", viewer, "text/plain",
                BodyPublishers.ofString("hello")), 415);
        assertThat(json.path("detail").asString()).contains("application/json").contains("text/plain");
    }

    @Test
    void aMethodThePathDoesNotTakeIs405() throws Exception {
        HttpResponse<String> response = client.send("DELETE", "/api/v1/echo", viewer, null, BodyPublishers.noBody());
        problem(response, 405);
        assertThat(response.headers().firstValue("Allow")).hasValueSatisfying(v -> assertThat(v).contains("POST"));
    }

    @Test
    void aMissingOrMistypedParameterIs400NamingIt() throws Exception {
        assertThat(problem(client.send("GET", "/api/v1/page", viewer, null, BodyPublishers.noBody()), 400)
                .path("field").asString()).isEqualTo("limit");
        assertThat(problem(client.send("GET", "/api/v1/page?limit=abc", viewer, null, BodyPublishers.noBody()), 400)
                .path("field").asString()).isEqualTo("limit");
        assertThat(problem(client.send("GET", "/api/v1/page?limit=99999999999", viewer, null, BodyPublishers.noBody()),
                400).path("field").asString()).isEqualTo("limit");
    }

    @Test
    void anUnknownPathIs404() throws Exception {
        problem(client.send("GET", "/api/v1/no-such-thing", viewer, null, BodyPublishers.noBody()), 404);
    }

    @Test
    void anUnexpectedExceptionIs500WithoutItsMessage() throws Exception {
        JsonNode json = problem(client.send("GET", "/api/v1/boom", viewer, null, BodyPublishers.noBody()), 500);
        assertThat(json.toString()).doesNotContain("hunter2").doesNotContain("IllegalStateException");
    }

    @Test
    void aDeliberate503KeepsItsReason() throws Exception {
        JsonNode json = problem(client.send("GET", "/api/v1/not-ready", viewer, null, BodyPublishers.noBody()), 503);
        assertThat(json.get("detail").asString()).isEqualTo("the state is still being restored");
    }

    @Test
    void theWrongRoleIsStill403NotA500() throws Exception {
        problem(client.send("GET", "/api/v1/admin-only", viewer, null, BodyPublishers.noBody()), 403);
    }

    @Test
    void aBodyOverTheLimitIs413_withContentLengthAndChunked() throws Exception {
        String big = "{\"a\": \"" + "x".repeat(2048) + "\"}";
        JsonNode declared = problem(client.send("POST", "/api/v1/echo", viewer, JSON_TYPE, BodyPublishers.ofString(big)),
                413);
        assertThat(declared.path("limitBytes").asLong()).isEqualTo(1024);

        byte[] bytes = big.getBytes(StandardCharsets.UTF_8);
        JsonNode chunkedJson = problem(client.send("POST", "/api/v1/echo", viewer, JSON_TYPE,
                WebTestApp.Client.chunked(bytes)), 413);
        assertThat(chunkedJson.path("limitBytes").asLong()).isEqualTo(1024);
        JsonNode chunkedText = problem(client.send("POST", "/api/v1/text", viewer, JSON_TYPE,
                WebTestApp.Client.chunked(bytes)), 413);
        assertThat(chunkedText.path("field").asString()).isEqualTo("body");
    }

    @Test
    void aBodyUnderTheLimitPasses_alsoChunked() throws Exception {
        byte[] small = ("\"" + "y".repeat(900) + "\"").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = client.send("POST", "/api/v1/text", viewer, JSON_TYPE,
                WebTestApp.Client.chunked(small));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(String.valueOf(small.length));
    }
}
