package dev.afterhours.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.afterhours.contracts.Topics;
import dev.afterhours.testkit.AfterhoursTestEnvironment;
import dev.afterhours.testkit.HostileRequests;
import dev.afterhours.testkit.HostileRequests.Hostile;
import dev.afterhours.testkit.TopicProbe;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * 2,000 malformed and hostile requests at the scheduler's endpoints that read input (the SLA previews and the
 * dead-letter admin), with a token of each endpoint's role: every answer is a 4xx, nothing is published.
 * ({@code GET /api/v1/sla/open?clientId=} is a filter: any text is a fair question, answered 200 with no SLAs.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"afterhours.web.rate-limit.capacity=100000", // one caller, one address, 2,000 requests at once
                "afterhours.web.rate-limit.address-capacity=100000"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class HostileRequestsIT {

    private static final long SEED = 20261204L;
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) throws IOException {
        ItSupport.infrastructure(registry, "hostile-it-" + RUN);
    }

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    @Test
    void everyHostileRequestIsRefusedWithA4xx_andNothingIsPublished() throws Exception {
        String viewer = AfterhoursTestEnvironment.issuer().token("victor", "viewer");
        String admin = AfterhoursTestEnvironment.issuer().token("ada", "admin");
        String deadLetters = Topics.MESSAGES_CLASSIFIED.deadLetterTopic();
        ItSupport.provisionTopics();
        long before = TopicProbe.endOffsets(Topics.SLA_EVENTS, Topics.ESCALATIONS, Topics.AUTO_REPLIES,
                Topics.MESSAGES_CLASSIFIED);
        HostileRequests.Tally tally = new HostileRequests.Tally();

        // fixed instants from here: a template every hostile request breaks; none is accepted, no timer runs on it (previews are pure calculations)
        HostileRequests.Template preview = HostileRequests.template("""
                {"calendar": {"zone": "America/New_York", "hours": {"MONDAY": [{"from": "09:00", "to": "17:30"}]},
                 "holidays": ["2026-12-25"], "closures": [{"from": "2026-12-31T12:00", "to": "2026-12-31T17:00"}]},
                 "receivedAt": "2026-11-23T22:14:05Z", "target": "PT4H", "clock": "BUSINESS",
                 "count": 3, "every": "PT24H"}""").timestamps("receivedAt").durations("target", "every");
        // fixed instants end
        for (Hostile hostile : HostileRequests.bodies(SEED, 1300, preview)) {
            tally.add(HostileRequests.send(http, "POST", uri("/api/v1/sla/preview"), viewer, hostile),
                    "POST /api/v1/sla/preview " + hostile);
        }

        HostileRequests.Template replay = HostileRequests.template("""
                {"topic": "%s", "partition": 0, "offset": 999999}""".formatted(deadLetters));
        for (Hostile hostile : HostileRequests.bodies(SEED + 1, 400, replay)) {
            tally.add(HostileRequests.send(http, "POST", uri("/api/v1/admin/dead-letters/replay"), admin, hostile),
                    "POST /api/v1/admin/dead-letters/replay " + hostile);
        }

        List<String> values = HostileRequests.values(SEED + 2, 300);
        Hostile noBody = new Hostile("hostile parameter", null, new byte[0], false);
        for (int i = 0; i < values.size(); i++) {
            String value = URLEncoder.encode(values.get(i), StandardCharsets.UTF_8);
            String path = switch (i % 3) {
                case 0 -> "/api/v1/clients/acme-shop/sla/preview?receivedAt=" + value;
                case 1 -> "/api/v1/clients/acme-shop/sla/preview?urgency=" + value;
                default -> "/api/v1/admin/dead-letters?topic=" + deadLetters + "&limit=" + value;
            };
            tally.add(HostileRequests.send(http, "GET", uri(path), i % 3 == 2 ? admin : viewer, noBody), "GET " + path);
        }

        System.out.println("scheduler: " + tally);
        assertThat(tally.total()).isEqualTo(2000);
        assertThat(tally.notRefused()).as(tally.toString()).isEmpty();
        assertThat(TopicProbe.endOffsets(Topics.SLA_EVENTS, Topics.ESCALATIONS, Topics.AUTO_REPLIES,
                Topics.MESSAGES_CLASSIFIED)).as("nothing published").isEqualTo(before);
    }
}
