package dev.afterhours.security.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.afterhours.testkit.TestIssuer;
import java.net.http.HttpRequest.BodyPublishers;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The per-address limit runs before any credential is checked: forged tokens from one address are throttled with
 * 429 although each of them, alone, would only get a 401 (and would never reach the per-caller limit).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, classes = WebTestApp.class,
        properties = {"afterhours.web.rate-limit.address-capacity=5", "afterhours.web.rate-limit.address-refill=1",
                "afterhours.web.rate-limit.period=PT1H"})
class AddressRateLimitIT {

    private static final TestIssuer ISSUER = TestIssuer.get();

    @DynamicPropertySource
    static void issuer(DynamicPropertyRegistry registry) {
        registry.add("afterhours.security.issuer-uri", ISSUER::issuerUri);
    }

    @LocalServerPort
    int port;

    @Test
    void forgedTokensFromOneAddressAreThrottledBeforeTheirSignatureIsChecked() throws Exception {
        WebTestApp.Client client = new WebTestApp.Client(port);
        int unauthorized = 0;
        int limited = 0;
        for (int i = 0; i < 10; i++) {
            int status = client.send("GET", "/api/v1/page?limit=1", ISSUER.forgedToken("mallory", "admin"), null,
                    BodyPublishers.noBody()).statusCode();
            assertThat(status).isIn(401, 429);
            unauthorized += status == 401 ? 1 : 0;
            limited += status == 429 ? 1 : 0;
        }
        assertThat(unauthorized).isEqualTo(5);
        assertThat(limited).isEqualTo(5);
        // the probes stay exempt
        assertThat(client.send("GET", "/actuator/health/readiness", null, null, BodyPublishers.noBody()).statusCode())
                .isEqualTo(200);
    }
}
