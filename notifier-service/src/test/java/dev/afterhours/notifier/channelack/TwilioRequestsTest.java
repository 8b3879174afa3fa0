package dev.afterhours.notifier.channelack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class TwilioRequestsTest {

    private static final String TOKEN = "twilio-auth-token-for-tests";
    private static final String PUBLIC = "https://hooks.agency.example";

    /** What Twilio sends: base64 HMAC-SHA1 of the URL it called and the POST parameters sorted by name. */
    static String twilioSignature(String authToken, String url, Map<String, String> params) {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(params).forEach((k, v) -> data.append(k).append(v));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> reply() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("MessageSid", "SM123");
        form.put("From", "+4930555010");
        form.put("To", "+15550100999");
        form.put("Body", "1");
        return form;
    }

    @Test
    void aRequestSignedOverThePublicUrlAndItsParametersVerifies() {
        TwilioRequests requests = new TwilioRequests(TOKEN, PUBLIC + "/");
        String signature = twilioSignature(TOKEN, PUBLIC + "/api/v1/pager/twilio/sms", reply());
        assertThat(requests.verify("/api/v1/pager/twilio/sms", null, reply(), signature)).isTrue();
        String query = "staff=bob&exp=1&kid=k&sig=s";
        String keyPress = twilioSignature(TOKEN, PUBLIC + "/api/v1/pager/twilio/voice/n-1/ack?" + query, Map.of("Digits", "1"));
        assertThat(requests.verify("/api/v1/pager/twilio/voice/n-1/ack", query, Map.of("Digits", "1"), keyPress)).isTrue();
    }

    @Test
    void aForgedOrChangedRequestIsRefused() {
        TwilioRequests requests = new TwilioRequests(TOKEN, PUBLIC);
        String signature = twilioSignature(TOKEN, PUBLIC + "/api/v1/pager/twilio/sms", reply());
        Map<String, String> otherSender = reply();
        otherSender.put("From", "+4930555011");
        assertThat(requests.verify("/api/v1/pager/twilio/sms", null, otherSender, signature)).as("a changed parameter").isFalse();
        assertThat(requests.verify("/api/v1/pager/twilio/voice/n-1/ack", null, reply(), signature)).as("another URL").isFalse();
        assertThat(requests.verify("/api/v1/pager/twilio/sms", null, reply(),
                twilioSignature("another-token", PUBLIC + "/api/v1/pager/twilio/sms", reply()))).as("another account").isFalse();
        assertThat(requests.verify("/api/v1/pager/twilio/sms", null, reply(), null)).as("unsigned").isFalse();
        String query = "staff=bob&exp=1&kid=k&sig=s";
        String keyPress = twilioSignature(TOKEN, PUBLIC + "/api/v1/pager/twilio/voice/n-1/ack?" + query, Map.of("Digits", "1"));
        assertThat(requests.verify("/api/v1/pager/twilio/voice/n-1/ack", query.replace("bob", "eve"), Map.of("Digits", "1"), keyPress))
                .as("the token in the URL is signed too").isFalse();
    }

    @Test
    void withoutAnAuthTokenNothingVerifies() {
        TwilioRequests requests = new TwilioRequests(null, PUBLIC);
        assertThat(requests.verify("/api/v1/pager/twilio/sms", null, reply(),
                twilioSignature(TOKEN, PUBLIC + "/api/v1/pager/twilio/sms", reply()))).isFalse();
        assertThat(requests.configured()).isFalse();
    }

    @Test
    void aReplayedCallbackIsRefusedUntilItsMemoryExpires() {
        Instant start = Instant.parse("2026-12-07T02:00:00Z");
        MutableClock clock = new MutableClock(start);
        ReplayGuard guard = new ReplayGuard(Duration.ofMinutes(10), 3, clock);
        assertThat(guard.firstSeen("SM1")).isTrue();
        assertThat(guard.firstSeen("SM1")).as("replayed").isFalse();
        clock.now = start.plus(Duration.ofMinutes(11));
        assertThat(guard.firstSeen("SM1")).as("forgotten after the ttl").isTrue();
        for (String sid : new String[] {"SM2", "SM3", "SM4"}) {
            assertThat(guard.firstSeen(sid)).isTrue();
        }
        assertThat(guard.firstSeen("SM4")).isFalse();
    }

    private static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
