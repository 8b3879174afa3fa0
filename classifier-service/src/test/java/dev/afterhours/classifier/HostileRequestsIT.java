package dev.afterhours.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.afterhours.contracts.Topics;
import dev.afterhours.testkit.AfterhoursTestEnvironment;
import dev.afterhours.testkit.HostileRequests;
import dev.afterhours.testkit.HostileRequests.Hostile;
import dev.afterhours.testkit.TopicProbe;
import java.net.URI;
import java.net.http.HttpClient;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * 2,000 malformed and hostile requests at the classifier's endpoints that read a body (the classify preview and the
 * urgency correction), with a staff token: every answer is a 4xx, and no classification or correction is published.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"afterhours.web.rate-limit.capacity=100000", // one caller, one address, 2,000 requests at once
                "afterhours.web.rate-limit.address-capacity=100000"})
class HostileRequestsIT {

    private static final long SEED = 20261204L;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        AfterhoursTestEnvironment.springProperties().forEach((k, v) -> registry.add(k, () -> v));
    }

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    @Test
    void everyHostileRequestIsRefusedWithA4xx_andNothingIsPublished() throws Exception {
        String staff = AfterhoursTestEnvironment.issuer().token("alice", "staff");
        long before = TopicProbe.endOffsets(Topics.MESSAGES_CLASSIFIED, Topics.URGENCY_CORRECTIONS);
        HostileRequests.Tally tally = new HostileRequests.Tally();

        // fixed instants from here: a template every hostile request breaks; none is accepted, no timer runs on it
        HostileRequests.Template classify = HostileRequests.template("""
                {"channel": "SMS", "subject": "Down", "body": "the site is down", "headers": {"X-Test": "1"},
                 "clientId": "acme-shop", "receivedAt": "2026-11-24T03:00:00Z", "from": "+15550100001",
                 "to": ["+15550199911"], "direction": "INBOUND"}""").timestamps("receivedAt");
        // fixed instants end
        for (Hostile hostile : HostileRequests.bodies(SEED, 1400, classify)) {
            tally.add(HostileRequests.send(http, "POST", uri("/api/v1/classify"), staff, hostile),
                    "POST /api/v1/classify " + hostile);
        }

        HostileRequests.Template correction = HostileRequests.template("""
                {"urgency": "LOW", "correctedBy": "alice", "reason": "a newsletter, not an outage"}""");
        for (Hostile hostile : HostileRequests.bodies(SEED + 1, 600, correction)) {
            tally.add(HostileRequests.send(http, "POST", uri("/api/v1/messages/hostile-unknown/urgency"), staff, hostile),
                    "POST /api/v1/messages/hostile-unknown/urgency " + hostile);
        }

        System.out.println("classifier: " + tally);
        assertThat(tally.total()).isEqualTo(2000);
        assertThat(tally.notRefused()).as(tally.toString()).isEmpty();
        assertThat(TopicProbe.endOffsets(Topics.MESSAGES_CLASSIFIED, Topics.URGENCY_CORRECTIONS))
                .as("nothing published").isEqualTo(before);
    }
}
