package dev.afterhours.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    private static final String SECRET = "whsec_test_only_not_a_real_secret";
    private static final long TIMESTAMP = 1767225600L;
    private static final String BODY = "{\"notificationId\":\"n-1\",\"summary\":\"checkout is broken\"}";

    @Test
    void hmacSha256MatchesRfc4231TestCase2() {
        assertThat(WebhookSignature.hmacSha256Hex("Jefe".getBytes(StandardCharsets.UTF_8),
                "what do ya want for nothing?".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    void signsTimestampDotBody() {
        // printf '%s' '1767225600.{"notificationId":"n-1","summary":"checkout is broken"}' \
        //   | openssl dgst -sha256 -hmac 'whsec_test_only_not_a_real_secret'
        assertThat(WebhookSignature.sign(SECRET, TIMESTAMP, BODY))
                .isEqualTo("sha256=321905e480617a6b34fe4dc1175f9ed57f7a63bceec709c4f47cb73cdbf65c34");
    }

    @Test
    void verifiesWhatItSignsAndNothingElse() {
        Instant now = Instant.ofEpochSecond(TIMESTAMP + 30);
        String signature = WebhookSignature.sign(SECRET, TIMESTAMP, BODY);
        Duration tolerance = Duration.ofMinutes(5);
        assertThat(WebhookSignature.verify(SECRET, "1767225600", BODY, signature, now, tolerance)).isTrue();
        assertThat(WebhookSignature.verify(SECRET, "1767225600", BODY.replace("broken", "fine"), signature, now, tolerance))
                .as("tampered body").isFalse();
        assertThat(WebhookSignature.verify("another-secret", "1767225600", BODY, signature, now, tolerance))
                .as("wrong secret").isFalse();
        assertThat(WebhookSignature.verify(SECRET, "1767225601", BODY, signature, now, tolerance))
                .as("timestamp not the signed one").isFalse();
        assertThat(WebhookSignature.verify(SECRET, "1767225600", BODY, signature, now.plus(Duration.ofMinutes(6)), tolerance))
                .as("replayed too late").isFalse();
        assertThat(WebhookSignature.verify(SECRET, "yesterday", BODY, signature, now, tolerance)).isFalse();
    }
}
