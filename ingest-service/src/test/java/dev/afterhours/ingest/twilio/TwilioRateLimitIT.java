package dev.afterhours.ingest.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.afterhours.ingest.IngestITSupport;
import dev.afterhours.ingest.twilio.web.TwilioWebhookController;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * The Twilio paths answer without a token, yet stay rate limited like every request: a flood of forged webhooks from
 * one address is cut off with 429 before each one costs a signature check.
 */
@TestPropertySource(properties = {"afterhours.ingest.twilio.auth-token=rate-limit-token",
        "afterhours.web.rate-limit.capacity=3", "afterhours.web.rate-limit.refill=1",
        "afterhours.web.rate-limit.period=PT1M"})
class TwilioRateLimitIT extends IngestITSupport {

    @Test
    void forgedWebhooksBeyondTheLimitGet429WithRetryAfter() throws Exception {
        String form = TwilioRequests.form(Map.of("MessageSid", "SMflood", "From", "+15550100001", "To", "+15550100100",
                "Body", "flood"));
        List<Integer> statuses = new ArrayList<>();
        HttpResponse<String> last = null;
        for (int i = 0; i < 5; i++) {
            last = http.send(HttpRequest.newBuilder(uri(TwilioWebhookController.SMS))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header(TwilioWebhookController.SIGNATURE_HEADER, "Zm9yZ2Vk")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            statuses.add(last.statusCode());
        }

        assertThat(statuses).containsExactly(403, 403, 403, 429, 429);
        assertThat(last.headers().firstValue("Retry-After")).isPresent();
        assertThat(received("SMflood")).isEmpty();
    }
}
