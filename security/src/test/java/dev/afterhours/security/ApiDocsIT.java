package dev.afterhours.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.afterhours.testkit.ApiDocument;
import dev.afterhours.testkit.TestIssuer;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The OpenAPI description a service serves: public, and every operation lists what the shared pieces answer on it
 * (401 unless public, 403 where a role is stated, 413/415/400 where a body is read, 429 everywhere) beside the
 * controller's own errors, all as problem details; API keys only where a scope lets them in.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, classes = ApiDocsIT.App.class,
        properties = "afterhours.security.public-paths=/api/v1/things/*/link")
class ApiDocsIT {

    @SpringBootApplication
    static class App {
        @Bean
        ApiKeyLookup apiKeys() {
            return keyId -> Optional.empty();
        }

        @RestController
        static class Endpoints {
            @PostMapping(path = "/api/v1/messages", consumes = MediaType.APPLICATION_JSON_VALUE)
            @PreAuthorize(Roles.MAY_POST_MESSAGES)
            Map<String, Object> post(@RequestBody Map<String, Object> body) {
                return body;
            }

            @GetMapping("/api/v1/things/{id}")
            @PreAuthorize(Roles.IS_ADMIN)
            @ApiResponse(responseCode = "200", description = "The thing")
            @ApiResponse(responseCode = "404", description = "No such thing")
            Map<String, Object> thing(@PathVariable String id) {
                return Map.of("id", id);
            }

            @DeleteMapping("/api/v1/things/{id}")
            @PreAuthorize(Roles.IS_ADMIN)
            @ApiResponse(responseCode = "204", description = "Gone")
            ResponseEntity<?> delete(@PathVariable String id) {
                return ResponseEntity.noContent().build();
            }

            @GetMapping("/api/v1/things/{id}/link")
            String link(@PathVariable String id) {
                return "link " + id;
            }

            @GetMapping("/api/v1/me")
            String me() {
                return "anyone signed in";
            }
        }
    }

    @DynamicPropertySource
    static void issuer(DynamicPropertyRegistry registry) {
        registry.add("afterhours.security.issuer-uri", TestIssuer.get()::issuerUri);
    }

    @LocalServerPort
    int port;

    @Test
    void everyOperationListsTheSharedErrorsAsProblemDetails() {
        ApiDocument doc = ApiDocument.fetch(port); // anonymously: the document is public

        assertThat(doc.problems("post", "/api/v1/messages")).containsExactly(400, 401, 403, 413, 415, 429);
        assertThat(doc.response("post", "/api/v1/messages", 403).path("description").asString())
                .contains("API key with scope messages:write");

        assertThat(doc.statuses("get", "/api/v1/things/{id}")).containsExactly(200, 401, 403, 404, 429);
        assertThat(doc.problems("get", "/api/v1/things/{id}")).containsExactly(401, 403, 404, 429);
        assertThat(doc.response("get", "/api/v1/things/{id}", 404).path("description").asString())
                .isEqualTo("No such thing");
        assertThat(doc.response("get", "/api/v1/things/{id}", 403).path("description").asString())
                .contains("the admin role");
        assertThat(doc.response("get", "/api/v1/things/{id}", 200).path("content").has("application/problem+json"))
                .as("success keeps its own shape").isFalse();
        assertThat(doc.response("get", "/api/v1/things/{id}", 429).path("headers").has("Retry-After")).isTrue();

        assertThat(doc.response("delete", "/api/v1/things/{id}", 204).has("content")).as("a 204 has no body").isFalse();

        assertThat(doc.problems("get", "/api/v1/me")).as("signed in, no role stated").containsExactly(401, 429);
        assertThat(doc.json().path("paths").has("/error")).as("the error page is not an endpoint").isFalse();

        JsonNode problem = doc.json().path("components").path("schemas").path("Problem");
        assertThat(problem.path("properties").propertyNames()).contains("type", "title", "status", "detail", "field");
    }

    @Test
    void theYamlFormIsPublicToo() throws Exception {
        HttpResponse<String> yaml = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/v3/api-docs.yaml")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(yaml.statusCode()).isEqualTo(200);
        assertThat(yaml.body()).startsWith("openapi: 3.1").contains("application/problem+json");
    }

    @Test
    void publicPathsNeedNoSignInAndApiKeysOnlyWhereAScopeLetsThemIn() {
        ApiDocument doc = ApiDocument.fetch(port);

        assertThat(doc.statuses("get", "/api/v1/things/{id}/link")).doesNotContain(401, 403).contains(429);
        assertThat(doc.operation("get", "/api/v1/things/{id}/link").path("security").isEmpty()).isTrue();
        assertThat(doc.operation("get", "/api/v1/things/{id}/link").path("security").isArray()).isTrue();

        assertThat(doc.json().path("security").toString()).isEqualTo("[{\"bearer\":[]}]");
        assertThat(doc.operation("post", "/api/v1/messages").path("security").toString())
                .isEqualTo("[{\"bearer\":[]},{\"apiKey\":[]}]");
        assertThat(doc.operation("get", "/api/v1/things/{id}").has("security")).as("the default: bearer").isFalse();
        assertThat(doc.response("post", "/api/v1/messages", 401).path("description").asString()).contains("X-Api-Key");
        assertThat(doc.response("get", "/api/v1/things/{id}", 401).path("description").asString())
                .doesNotContain("X-Api-Key");

        JsonNode schemes = doc.json().path("components").path("securitySchemes");
        assertThat(schemes.path("bearer").path("scheme").asString()).isEqualTo("bearer");
        assertThat(schemes.path("bearer").path("bearerFormat").asString()).isEqualTo("JWT");
        assertThat(schemes.path("apiKey").path("in").asString()).isEqualTo("header");
        assertThat(schemes.path("apiKey").path("name").asString()).isEqualTo(ApiKeys.HEADER);
    }
}
