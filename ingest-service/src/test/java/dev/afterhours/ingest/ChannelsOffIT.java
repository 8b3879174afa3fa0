package dev.afterhours.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.afterhours.ingest.slack.web.SlackEventsController;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;

/**
 * Without a Slack signing secret or a web form token key (the defaults), both doors are off and say so: nothing is
 * taken, not even a request that would otherwise be well formed.
 */
class ChannelsOffIT extends IngestITSupport {

    @Test
    void slackEventsAre404SayingWhatToConfigure() {
        Response response = sendAs(null, HttpRequest.newBuilder(uri(SlackEventsController.EVENTS))
                .header("Content-Type", "application/json").header("X-Slack-Request-Timestamp", "1")
                .header("X-Slack-Signature", "v0=00")
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"url_verification\",\"challenge\":\"c\"}")));

        assertProblem(response, 404, null);
        assertThat(response.text("detail")).contains("afterhours.ingest.slack.signing-secret");
        assertThat(response.json().has("challenge")).isFalse();
    }

    @Test
    void webFormsAre503SayingWhatToConfigure() {
        Response page = sendAs(null, HttpRequest.newBuilder(uri("/forms/bergmann")).header("Accept", "application/json")
                .GET());
        Response post = sendAs(null, HttpRequest.newBuilder(uri("/forms/bergmann")).header("Accept", "application/json")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("contact=a%40b.example&what=x&severity=low")));

        for (Response response : new Response[] {page, post}) {
            assertProblem(response, 503, null);
            assertThat(response.text("detail")).contains("afterhours.ingest.webform.token-key");
        }
    }
}
