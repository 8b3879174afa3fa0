package dev.afterhours.security.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.afterhours.testkit.TestIssuer;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A small per-caller limit: the caller past it gets 429 with Retry-After; others and the probes do not. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, classes = WebTestApp.class,
        properties = {"afterhours.web.rate-limit.capacity=3", "afterhours.web.rate-limit.refill=1",
                "afterhours.web.rate-limit.period=PT1H"})
class RateLimitIT {

    private static final TestIssuer ISSUER = TestIssuer.get();

    @DynamicPropertySource
    static void issuer(DynamicPropertyRegistry registry) {
        registry.add("afterhours.security.issuer-uri", ISSUER::issuerUri);
    }

    @LocalServerPort
    int port;

    private HttpResponse<String> page(WebTestApp.Client client, String token) throws Exception {
        return client.send("GET", "/api/v1/page?limit=1", token, null, BodyPublishers.noBody());
    }

    @Test
    void aCallerOverTheLimitGets429WithRetryAfter_othersAndTheProbesDoNot() throws Exception {
        WebTestApp.Client client = new WebTestApp.Client(port);
        String victor = ISSUER.token("victor", "viewer");
        for (int i = 0; i < 3; i++) {
            assertThat(page(client, victor).statusCode()).isEqualTo(200);
        }
        // a fresh token for the same person is the same caller
        HttpResponse<String> limited = page(client, ISSUER.token("victor", "viewer"));

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).hasValueSatisfying(
                v -> assertThat(Long.parseLong(v)).isBetween(1L, 3600L));
        assertThat(limited.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(limited.body()).contains("\"status\":429");

        assertThat(page(client, ISSUER.token("wendy", "viewer")).statusCode()).as("another person").isEqualTo(200);
        for (int i = 0; i < 10; i++) {
            assertThat(client.send("GET", "/actuator/health/readiness", null, null, BodyPublishers.noBody())
                    .statusCode()).as("probes are exempt").isEqualTo(200);
        }
    }

    @Test
    void anonymousCallersAreLimitedByAddress() throws Exception {
        WebTestApp.Client client = new WebTestApp.Client(port);
        int limited = 0;
        for (int i = 0; i < 6; i++) {
            int status = client.send("GET", "/api/v1/page?limit=1", null, null, BodyPublishers.noBody()).statusCode();
            assertThat(status).isIn(401, 429);
            limited += status == 429 ? 1 : 0;
        }
        assertThat(limited).isGreaterThanOrEqualTo(3);
    }
}
