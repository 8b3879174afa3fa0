package dev.afterhours.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class WebhookSenderTest {

    @Test
    void withoutASecretNothingIsSentAndTheFailureSaysWhy() {
        WebhookSender sender = new WebhookSender(null, Duration.ofSeconds(1), 3, Duration.ofMillis(10), Clock.systemUTC());
        assertThat(sender.enabled()).isFalse();
        // Port 9 (discard) on loopback would refuse; a refusal would take an attempt, here none is made at all.
        DeliveryResult result = sender.send(URI.create("http://127.0.0.1:9/hook"), "n-1", "{}");
        assertThat(result).isInstanceOfSatisfying(DeliveryResult.Failed.class, failed -> {
            assertThat(failed.attempts()).isZero();
            assertThat(failed.error()).contains("afterhours.notifier.webhook-secret");
        });
    }

    @Test
    void anUnreachableReceiverIsRetriedThenFails() {
        WebhookSender sender = new WebhookSender("secret", Duration.ofSeconds(1), 3, Duration.ofMillis(10), Clock.systemUTC());
        DeliveryResult result = sender.send(URI.create("http://127.0.0.1:9/hook"), "n-1", "{}");
        assertThat(result).isInstanceOfSatisfying(DeliveryResult.Failed.class, failed -> {
            assertThat(failed.attempts()).isEqualTo(3);
            assertThat(failed.error()).contains("127.0.0.1:9").contains("after 3 attempts");
        });
    }
}
