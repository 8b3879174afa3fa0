package dev.afterhours.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.afterhours.testkit.AfterhoursTestEnvironment;
import dev.afterhours.testkit.ApiDocument;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The notifier's OpenAPI description, fetched anonymously over HTTP: each endpoint lists the errors it answers, and
 * the signed acknowledgement link (a public path: the signature is the sign-in) asks for no token.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class ApiDocsIT {

    private static final String ACK_LINK = "/api/v1/notifications/{notificationId}/ack-link";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        AfterhoursTestEnvironment.springProperties().forEach((k, v) -> registry.add(k, () -> v));
        // the notifier does not start without a key to sign ack links with
        registry.add("afterhours.notifier.ack-links.keys[0].id", () -> "it-docs");
        registry.add("afterhours.notifier.ack-links.keys[0].secret", () -> "docs-" + UUID.randomUUID() + UUID.randomUUID());
    }

    @LocalServerPort
    int port;

    @Test
    void everyEndpointDeclaresItsErrorsAndTheAckLinkNeedsNoToken() {
        ApiDocument doc = ApiDocument.fetch(port);

        assertThat(doc.problems("post", "/api/v1/notifications/{notificationId}/ack"))
                .contains(400, 401, 403, 404, 413, 415, 429);
        assertThat(doc.problems("get", "/api/v1/notifications")).contains(400, 401, 403, 429);
        assertThat(doc.problems("post", "/api/v1/incidents/{escalationId}/resolve"))
                .contains(400, 401, 403, 404, 409, 503);
        assertThat(doc.problems("get", "/api/v1/incidents")).contains(400, 401, 403);
        assertThat(doc.problems("get", "/api/v1/incidents/{escalationId}")).contains(401, 403, 404);
        assertThat(doc.problems("get", "/api/v1/rotations/{rotationId}/calendar-link")).contains(401, 403, 404);
        for (String report : List.of("sla", "after-hours/messages", "after-hours/responders", "client-burden", "incidents")) {
            assertThat(doc.problems("get", "/api/v1/reports/" + report)).as(report).contains(400, 401, 403);
        }
        String feed = "/api/v1/rotations/{rotationId}/schedule.ics";
        assertThat(doc.problems("get", feed)).contains(403, 404).doesNotContain(401);
        assertThat(doc.operation("get", feed).path("security").isEmpty()).as("the token is the sign-in").isTrue();
        assertThat(doc.problems("get", "/api/v1/staff/{staffId}/schedule.ics")).contains(403, 404).doesNotContain(401);

        assertThat(doc.problems("post", ACK_LINK)).contains(400, 403, 404, 410, 429).doesNotContain(401);
        assertThat(doc.problems("get", ACK_LINK)).contains(403, 404, 410, 429).doesNotContain(401);
        assertThat(doc.operation("get", ACK_LINK).path("security").isArray()).isTrue();
        assertThat(doc.operation("get", ACK_LINK).path("security").isEmpty()).as("no sign-in").isTrue();

        // Twilio's and Slack's callbacks: the provider's signature is the sign-in; unsigned is a 403, never a 401.
        for (String callback : List.of("/api/v1/pager/twilio/sms", "/api/v1/pager/twilio/voice/{notificationId}/ack",
                "/api/v1/pager/slack/interactions")) {
            assertThat(doc.problems("post", callback)).as(callback).contains(403, 429).doesNotContain(401);
            assertThat(doc.operation("post", callback).path("security").isEmpty()).as(callback).isTrue();
        }
    }
}
