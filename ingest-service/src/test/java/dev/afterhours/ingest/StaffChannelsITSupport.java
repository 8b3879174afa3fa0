package dev.afterhours.ingest;

import com.slack.api.app_backend.SlackSignature;
import dev.afterhours.ingest.slack.web.SlackEventsController;
import java.net.http.HttpRequest;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;
import org.springframework.test.context.TestPropertySource;

/**
 * The channels context (Slack, web forms, the movable clock) with the SMTP listener on a free port and the agency's
 * BCC address for staff replies; the staff-reply and unknown-identity ITs share it.
 */
@TestPropertySource(properties = {"afterhours.ingest.smtp.port=0",
        "afterhours.ingest.smtp.accepted-recipients=agency.example",
        "afterhours.ingest.email.bcc-address=" + StaffChannelsITSupport.BCC})
public abstract class StaffChannelsITSupport extends ChannelsITSupport {

    public static final String BCC = "replies@agency.example";

    /** A Slack message ts: seconds and microseconds, unique per call. */
    protected String ts() {
        return clock.instant().getEpochSecond() + "." + String.format("%06d", ThreadLocalRandom.current().nextInt(1_000_000));
    }

    /** A Slack id that no other test uses: a prefix and upper-case letters and digits. */
    protected static String slackId(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase();
    }

    /** An Events API {@code message} event, as Slack sends it. */
    protected static String slackMessage(String channel, String user, String ts, @Nullable String threadTs, String text) {
        return """
                {"team_id":"T0AGENCY","api_app_id":"A0AFTERHRS",
                 "event":{"type":"message","channel":"%s","user":"%s","text":"%s","ts":"%s",%s"team":"T0AGENCY",
                  "channel_type":"channel","event_ts":"%s"},
                 "type":"event_callback","event_id":"Ev%s","event_time":%d}"""
                .formatted(channel, user, text, ts, threadTs == null ? "" : "\"thread_ts\":\"" + threadTs + "\",", ts,
                        slackId(""), Long.parseLong(ts.substring(0, ts.indexOf('.'))));
    }

    /** Posts as Slack does: signed now (by the test's clock) with the signing secret. */
    protected Response slack(String body) {
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        return sendAs(null, HttpRequest.newBuilder(uri(SlackEventsController.EVENTS))
                .header("Content-Type", "application/json")
                .header(SlackSignature.HeaderNames.X_SLACK_REQUEST_TIMESTAMP, timestamp)
                .header(SlackSignature.HeaderNames.X_SLACK_SIGNATURE,
                        new SlackSignature.Generator(SLACK_SECRET).generate(timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** A client of its own (no other test sees it), with one contact, and its id. */
    protected String newClient(String prefix) {
        String clientId = prefix + "-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        Response stored = put("/api/v1/directory/clients/" + clientId, """
                {"name": "Test Co", "accountManagerId": "alice",
                 "calendar": {"zone": "Europe/Berlin", "windows": [{"day": "MONDAY", "from": "09:00", "to": "17:00"}]},
                 "slaPolicy": {"targets": [{"urgency": "EMERGENCY", "target": "PT15M", "clock": "CALENDAR"}]},
                 "contacts": [{"name": "Pat Doe", "email": "pat@%s.example"}]}""".formatted(clientId));
        org.assertj.core.api.Assertions.assertThat(stored.status()).as(stored.json().toString()).isEqualTo(200);
        return clientId;
    }
}
