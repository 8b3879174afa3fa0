package dev.afterhours.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.afterhours.testkit.TestIssuer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Integrations sign in with API keys beside people's tokens, in a real server. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, classes = ApiKeySecurityIT.App.class)
class ApiKeySecurityIT {

    static final Map<String, ApiKeyLookup.StoredKey> KEYS = new ConcurrentHashMap<>();

    @SpringBootApplication
    static class App {
        @Bean
        ApiKeyLookup apiKeys() {
            return keyId -> Optional.ofNullable(KEYS.get(keyId));
        }

        @RestController
        static class Endpoints {
            @PostMapping("/api/v1/messages")
            @PreAuthorize(Roles.MAY_POST_MESSAGES)
            String post(Authentication who) {
                return who.getName();
            }

            @PostMapping("/api/v1/admin/thing")
            @PreAuthorize(Roles.IS_ADMIN)
            String admin() {
                return "admin";
            }
        }
    }

    @DynamicPropertySource
    static void issuer(DynamicPropertyRegistry registry) {
        registry.add("afterhours.security.issuer-uri", TestIssuer.get()::issuerUri);
    }

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    private static String key(Set<String> scopes, boolean revoked) {
        ApiKeys.Issued issued = ApiKeys.issue();
        KEYS.put(issued.keyId(), new ApiKeyLookup.StoredKey(issued.keyId(), "test", issued.secretSha256(), scopes,
                Set.of(), revoked));
        return issued.key();
    }

    private HttpResponse<String> post(String path, String header, @Nullable String value)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .POST(HttpRequest.BodyPublishers.noBody());
        if (value != null) {
            request.header(header, value);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aKeyWithTheScopeIsLetInAsTheIntegrationNotAsAPerson() throws Exception {
        String key = key(Set.of(Roles.SCOPE_MESSAGES), false);

        HttpResponse<String> viaHeader = post("/api/v1/messages", ApiKeys.HEADER, key);
        assertThat(viaHeader.statusCode()).isEqualTo(200);
        assertThat(viaHeader.body()).startsWith("api-key:");
        assertThat(post("/api/v1/messages", "Authorization", "ApiKey " + key).statusCode()).isEqualTo(200);
        assertThat(post("/api/v1/admin/thing", ApiKeys.HEADER, key).statusCode()).as("a key has no role")
                .isEqualTo(403);
    }

    @Test
    void aWrongSecretARevokedKeyAnUnknownIdOrAMalformedKeyIs401() throws Exception {
        String key = key(Set.of(Roles.SCOPE_MESSAGES), false);
        String wrongSecret = key.substring(0, key.length() - 4) + (key.endsWith("AAAA") ? "BBBB" : "AAAA");

        assertThat(post("/api/v1/messages", ApiKeys.HEADER, wrongSecret).statusCode()).isEqualTo(401);
        assertThat(post("/api/v1/messages", ApiKeys.HEADER, key(Set.of(Roles.SCOPE_MESSAGES), true)).statusCode())
                .isEqualTo(401);
        assertThat(post("/api/v1/messages", ApiKeys.HEADER, ApiKeys.issue().key()).statusCode()).isEqualTo(401);
        HttpResponse<String> malformed = post("/api/v1/messages", ApiKeys.HEADER, "let-me-in");
        assertThat(malformed.statusCode()).isEqualTo(401);
        assertThat(malformed.body()).contains("\"status\":401");
    }

    @Test
    void aKeyWithoutTheScopeIs403AndPeopleStillSignInWithTokens() throws Exception {
        assertThat(post("/api/v1/messages", ApiKeys.HEADER, key(Set.of(), false)).statusCode()).isEqualTo(403);
        assertThat(post("/api/v1/messages", "Authorization", TestIssuer.get().bearer("alice", "staff")).statusCode())
                .isEqualTo(200);
        assertThat(post("/api/v1/messages", "Authorization", null).statusCode()).isEqualTo(401);
    }
}
