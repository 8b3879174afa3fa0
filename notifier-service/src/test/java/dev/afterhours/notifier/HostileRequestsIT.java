package dev.afterhours.notifier;

import static dev.afterhours.notifier.TestEvents.ensureTopics;
import static dev.afterhours.notifier.TestEvents.freePort;
import static org.assertj.core.api.Assertions.assertThat;

import dev.afterhours.contracts.Topics;
import dev.afterhours.testkit.AfterhoursTestEnvironment;
import dev.afterhours.testkit.HostileRequests;
import dev.afterhours.testkit.HostileRequests.Hostile;
import dev.afterhours.testkit.TopicProbe;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * 2,000 malformed and hostile requests at the notifier's endpoints that read input: acknowledgements, the
 * notifications history, the signed ack link (which needs no token: its signature is its authentication) and the
 * dead-letter admin, each with a token of its role. Every answer is a 4xx, and nothing is published.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"afterhours.web.rate-limit.capacity=100000", // one caller, one address, 2,000 requests at once
                "afterhours.web.rate-limit.address-capacity=100000"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class HostileRequestsIT {

    private static final long SEED = 20261204L;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        AfterhoursTestEnvironment.springProperties().forEach((k, v) -> registry.add(k, () -> v));
        // Nothing is paged here: the mail server is never called.
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> freePort());
        registry.add("afterhours.notifier.webhook-secret", () -> "hostile-" + UUID.randomUUID());
        registry.add("afterhours.notifier.ack-links.keys[0].id", () -> "hostile");
        registry.add("afterhours.notifier.ack-links.keys[0].secret", () -> "hostile-" + UUID.randomUUID() + UUID.randomUUID());
    }

    @BeforeAll
    static void topics() {
        ensureTopics();
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
        String viewer = AfterhoursTestEnvironment.issuer().token("victor", "viewer");
        String admin = AfterhoursTestEnvironment.issuer().token("ada", "admin");
        String notification = UUID.randomUUID().toString();
        String deadLetters = Topics.ESCALATIONS.deadLetterTopic();
        long before = TopicProbe.endOffsets(Topics.NOTIFICATIONS, Topics.ESCALATIONS, Topics.SLA_EVENTS);
        HostileRequests.Tally tally = new HostileRequests.Tally();

        HostileRequests.Template ack = HostileRequests.template("""
                {"staffId": "alice", "note": "on it, checking the payment provider"}""");
        for (Hostile hostile : HostileRequests.bodies(SEED, 700, ack)) {
            String path = "/api/v1/notifications/" + notification + "/ack";
            tally.add(HostileRequests.send(http, "POST", uri(path), staff, hostile), "POST " + path + " " + hostile);
        }

        // A link's shape with a signature that is not one: whatever the body says, nothing is acknowledged.
        String link = "/api/v1/notifications/" + notification + "/ack-link?staff=alice&exp=4102444800&kid=hostile&sig="
                + "A".repeat(43);
        HostileRequests.Template form = HostileRequests.template("""
                {"note": "on my way"}""");
        for (Hostile hostile : HostileRequests.bodies(SEED + 1, 400, form)) {
            tally.add(HostileRequests.send(http, "POST", uri(link), null, hostile), "POST " + link + " " + hostile);
        }

        HostileRequests.Template replay = HostileRequests.template("""
                {"topic": "%s", "partition": 0, "offset": 999999}""".formatted(deadLetters));
        for (Hostile hostile : HostileRequests.bodies(SEED + 2, 300, replay)) {
            tally.add(HostileRequests.send(http, "POST", uri("/api/v1/admin/dead-letters/replay"), admin, hostile),
                    "POST /api/v1/admin/dead-letters/replay " + hostile);
        }

        List<String> values = HostileRequests.values(SEED + 3, 600);
        Hostile noBody = new Hostile("hostile parameter", null, new byte[0], false);
        for (int i = 0; i < values.size(); i++) {
            String value = URLEncoder.encode(values.get(i), StandardCharsets.UTF_8);
            String linkTo = "/api/v1/notifications/" + notification + "/ack-link?";
            String path = switch (i % 6) {
                case 0 -> "/api/v1/notifications?clientId=acme-shop&limit=" + value;
                case 1 -> "/api/v1/admin/dead-letters?topic=" + deadLetters + "&limit=" + value;
                case 2 -> linkTo + "staff=" + value + "&exp=4102444800&kid=hostile&sig=x";
                case 3 -> linkTo + "staff=alice&exp=" + value + "&kid=hostile&sig=x";
                case 4 -> linkTo + "staff=alice&exp=4102444800&kid=" + value + "&sig=x";
                default -> linkTo + "staff=alice&exp=4102444800&kid=hostile&sig=" + value;
            };
            String token = switch (i % 6) {
                case 0 -> viewer;
                case 1 -> admin;
                default -> null;
            };
            tally.add(HostileRequests.send(http, "GET", uri(path), token, noBody), "GET " + path);
        }

        System.out.println("notifier: " + tally);
        assertThat(tally.total()).isEqualTo(2000);
        assertThat(tally.notRefused()).as(tally.toString()).isEmpty();
        assertThat(TopicProbe.endOffsets(Topics.NOTIFICATIONS, Topics.ESCALATIONS, Topics.SLA_EVENTS))
                .as("nothing published").isEqualTo(before);
    }
}
