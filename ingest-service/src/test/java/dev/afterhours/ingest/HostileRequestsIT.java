package dev.afterhours.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.afterhours.contracts.Topics;
import dev.afterhours.testkit.AfterhoursTestEnvironment;
import dev.afterhours.testkit.HostileRequests;
import dev.afterhours.testkit.HostileRequests.Hostile;
import dev.afterhours.testkit.TopicProbe;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * 2,000 malformed and hostile requests at every ingest endpoint, with a token of the endpoint's role so they reach
 * the parsers: every answer is a 4xx, and nothing reaches the received topic or the directory topics.
 */
// one caller, one address, 2,000 requests at once
@TestPropertySource(properties = {"afterhours.web.rate-limit.capacity=100000",
        "afterhours.web.rate-limit.address-capacity=100000"})
class HostileRequestsIT extends IngestITSupport {

    private static final long SEED = 20261204L;

    @Test
    void everyHostileRequestIsRefusedWithA4xx_andNothingIsPublished() throws Exception {
        String staff = AfterhoursTestEnvironment.issuer().token("alice", "staff");
        String admin = AfterhoursTestEnvironment.issuer().token("ada", "admin");
        long before = TopicProbe.endOffsets(Topics.MESSAGES_RECEIVED, Topics.DIRECTORY_CLIENTS, Topics.DIRECTORY_STAFF,
                Topics.DIRECTORY_ROTATIONS, Topics.DIRECTORY_ESCALATION_POLICIES);
        HostileRequests.Tally tally = new HostileRequests.Tally();

        // fixed instants from here: a template every hostile request breaks; none is accepted, no timer runs on it
        HostileRequests.Template message = HostileRequests.template("""
                {"channel": "EMAIL", "direction": "INBOUND", "provider": "postmark", "providerMessageId": "hostile-1",
                 "from": "dana@acme-shop.example", "to": ["support@agency.example"], "subject": "Checkout",
                 "body": "Checkout is broken", "providerTimestamp": "2026-11-23T22:14:05Z",
                 "attachments": [{"fileName": "a.png", "contentType": "image/png", "sizeBytes": 1}],
                 "headers": {"X-Test": "1"}, "conversationId": "c-1", "inReplyTo": "m-0"}""")
                .timestamps("providerTimestamp");
        // fixed instants end
        for (Hostile hostile : HostileRequests.bodies(SEED, 1200, message)) {
            tally.add(HostileRequests.send(http, "POST", uri("/api/v1/messages"), staff, hostile),
                    "POST /api/v1/messages " + hostile);
        }

        HostileRequests.Template client = HostileRequests.template("""
                {"clientId": "hostile-co", "name": "Hostile Co", "accountManagerId": "alice",
                 "calendar": {"zone": "Europe/Berlin", "windows": [{"day": "MONDAY", "from": "09:00", "to": "17:00"}]},
                 "slaPolicy": {"targets": [{"urgency": "EMERGENCY", "target": "PT15M", "clock": "CALENDAR"}]},
                 "contacts": [{"name": "Pat Doe", "email": "pat@hostile.example"}]}""");
        for (Hostile hostile : HostileRequests.bodies(SEED + 1, 600, client)) {
            tally.add(HostileRequests.send(http, "PUT", uri("/api/v1/directory/clients/hostile-co"), admin, hostile),
                    "PUT /api/v1/directory/clients/hostile-co " + hostile);
        }

        List<String> values = HostileRequests.values(SEED + 2, 200);
        for (int i = 0; i < values.size(); i++) {
            String segment = URLEncoder.encode(values.get(i), StandardCharsets.UTF_8).replace("+", "%20");
            String path = i % 2 == 0 ? "/api/v1/directory/" + segment : "/api/v1/directory/clients/" + segment;
            String method = i % 4 == 3 ? "DELETE" : "GET";
            Hostile empty = new Hostile("hostile path segment", null, new byte[0], false);
            tally.add(HostileRequests.send(http, method, uri(path), admin, empty), method + " " + path);
        }

        System.out.println("ingest: " + tally);
        assertThat(tally.total()).isEqualTo(2000);
        assertThat(tally.notRefused()).as(tally.toString()).isEmpty();
        assertThat(TopicProbe.endOffsets(Topics.MESSAGES_RECEIVED, Topics.DIRECTORY_CLIENTS, Topics.DIRECTORY_STAFF,
                Topics.DIRECTORY_ROTATIONS, Topics.DIRECTORY_ESCALATION_POLICIES)).as("nothing published").isEqualTo(before);
    }
}
