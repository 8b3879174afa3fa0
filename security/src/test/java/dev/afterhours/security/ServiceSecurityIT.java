package dev.afterhours.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.afterhours.testkit.TestIssuer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** The shared filter chain in a real server, signing in against a real issuer over HTTP. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        classes = ServiceSecurityIT.App.class,
        properties = {"management.endpoints.web.exposure.include=health,info",
                "management.endpoint.health.show-details=when-authorized",
                "management.endpoint.health.roles=viewer"})
class ServiceSecurityIT {

    private static final TestIssuer ISSUER = TestIssuer.get();

    @SpringBootApplication
    static class App {
        @RestController
        static class Endpoints {
            @GetMapping("/api/v1/read")
            @PreAuthorize(Roles.IS_VIEWER)
            String read(Authentication who) {
                return "read by " + CurrentUser.id(who);
            }

            @PostMapping("/api/v1/write")
            @PreAuthorize(Roles.IS_ADMIN)
            String write() {
                return "written";
            }

            @GetMapping("/api/v1/unstated")
            String unstated() {
                return "any signed-in person";
            }
        }
    }

    @DynamicPropertySource
    static void issuer(DynamicPropertyRegistry registry) {
        registry.add("afterhours.security.issuer-uri", ISSUER::issuerUri);
    }

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> call(String method, String path, @Nullable String token)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void noTokenIs401WithAProblemDetailAndTheBearerChallenge() throws Exception {
        HttpResponse<String> response = call("GET", "/api/v1/read", null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json;charset=UTF-8");
        assertThat(response.body()).contains("\"status\":401").contains("Authorization: Bearer");
        assertThat(call("GET", "/api/v1/unstated", null).statusCode()).isEqualTo(401);
    }

    @Test
    void expiredForgedAndForeignTokensAre401() throws Exception {
        assertThat(call("GET", "/api/v1/read", ISSUER.expiredToken("victor", "viewer")).statusCode()).isEqualTo(401);
        assertThat(call("GET", "/api/v1/read", ISSUER.forgedToken("victor", "admin")).statusCode()).isEqualTo(401);
        assertThat(call("GET", "/api/v1/read", ISSUER.tokenFromAnotherIssuer("victor", "admin")).statusCode())
                .isEqualTo(401);
        assertThat(call("GET", "/api/v1/read", "not-a-jwt").statusCode()).isEqualTo(401);
    }

    @Test
    void theWrongRoleIs403AndTheRightOneOrAHigherOneSucceeds() throws Exception {
        HttpResponse<String> viewerWrites = call("POST", "/api/v1/write", ISSUER.token("victor", "viewer"));
        assertThat(viewerWrites.statusCode()).isEqualTo(403);
        assertThat(viewerWrites.body()).contains("\"status\":403");
        assertThat(call("POST", "/api/v1/write", ISSUER.token("alice", "staff")).statusCode()).isEqualTo(403);
        assertThat(call("POST", "/api/v1/write", ISSUER.token("ada", "admin")).statusCode()).isEqualTo(200);

        HttpResponse<String> read = call("GET", "/api/v1/read", ISSUER.token("ada", "admin"));
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body()).isEqualTo("read by ada");
        assertThat(call("GET", "/api/v1/read", ISSUER.token("nobody")).statusCode()).as("signed in, no role")
                .isEqualTo(403);
        assertThat(call("GET", "/api/v1/unstated", ISSUER.token("nobody")).statusCode()).isEqualTo(200);
    }

    @Test
    void probesArePublicAndHealthDetailsNeedAViewer() throws Exception {
        assertThat(call("GET", "/actuator/health/liveness", null).statusCode()).isEqualTo(200);
        assertThat(call("GET", "/actuator/health/readiness", null).statusCode()).isEqualTo(200);
        HttpResponse<String> anonymous = call("GET", "/actuator/health", null);
        assertThat(anonymous.statusCode()).isEqualTo(200);
        assertThat(anonymous.body()).doesNotContain("components");
        assertThat(call("GET", "/actuator/health", ISSUER.token("victor", "viewer")).body()).contains("components");
        assertThat(call("GET", "/actuator/info", null).statusCode()).isEqualTo(401);
        assertThat(call("GET", "/actuator/info", ISSUER.token("nobody")).statusCode()).isEqualTo(403);
        assertThat(call("GET", "/actuator/info", ISSUER.token("victor", "viewer")).statusCode()).isEqualTo(200);
    }
}
