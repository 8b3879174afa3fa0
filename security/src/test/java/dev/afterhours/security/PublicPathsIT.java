package dev.afterhours.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.afterhours.testkit.TestIssuer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code afterhours.security.public-paths}: the paths a service declares answer without a token, for endpoints that
 * authenticate the request themselves (a signed link); everything else still needs one.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, classes = PublicPathsIT.App.class,
        properties = "afterhours.security.public-paths=/api/v1/things/*/link")
class PublicPathsIT {

    private static final TestIssuer ISSUER = TestIssuer.get();

    @SpringBootApplication
    static class App {
        @RestController
        static class Endpoints {
            @GetMapping("/api/v1/things/{id}/link")
            String link(@PathVariable String id) {
                return "link " + id;
            }

            @PostMapping("/api/v1/things/{id}/link")
            String use(@PathVariable String id) {
                return "used " + id;
            }

            @GetMapping("/api/v1/things/{id}/other")
            String other(@PathVariable String id) {
                return "other " + id;
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

    private HttpResponse<String> call(String method, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aDeclaredPathAnswersWithoutATokenAndNothingElseDoes() throws Exception {
        assertThat(call("GET", "/api/v1/things/42/link").body()).isEqualTo("link 42");
        assertThat(call("POST", "/api/v1/things/42/link").body()).isEqualTo("used 42");
        assertThat(call("GET", "/api/v1/things/42/other").statusCode()).isEqualTo(401);
        assertThat(call("GET", "/api/v1/things/42/link/deeper").statusCode()).as("one segment, not a tree").isEqualTo(401);
        assertThat(call("GET", "/actuator/info").statusCode()).isEqualTo(401);
    }

    @Test
    void aPatternThatIsNotAPathOrOpensEverythingIsRefused() {
        for (String bad : List.of("api/v1/things", "/**")) {
            assertThatThrownBy(() -> new SecurityProperties("http://issuer", List.of(), List.of("groups"), Map.of(),
                    "preferred_username", List.of(bad)))
                    .hasMessageContaining("afterhours.security.public-paths").hasMessageContaining(bad);
        }
        assertThat(new SecurityProperties("http://issuer", List.of(), List.of(), Map.of(), "sub", List.of(" ", "/a/*"))
                .publicPaths()).containsExactly("/a/*");
    }
}
