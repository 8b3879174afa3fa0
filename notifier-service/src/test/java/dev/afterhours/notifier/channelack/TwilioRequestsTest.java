package dev.afterhours.notifier.channelack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TwilioRequestsTest {

    private static final String TOKEN = "twilio-auth-token-for-tests";
    private static final String PUBLIC = "https://hooks.agency.example";

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
        String signature = ProviderSignatures.twilio(TOKEN, PUBLIC + "/api/v1/pager/twilio/sms", reply());
        assertThat(requests.verify("/api/v1/pager/twilio/sms", null, reply(), signature)).isTrue();
        String query = "staff=bob&exp=1&kid=k&sig=s";
        String keyPress = ProviderSignatures.twilio(TOKEN, PUBLIC + "/api/v1/pager/twilio/voice/n-1/ack?" + query, Map.of("Digits", "1"));
        assertThat(requests.verify("/api/v1/pager/twilio/voice/n-1/ack", query, Map.of("Digits", "1"), keyPress)).isTrue();
    }

    @Test
    void aForgedOrChangedRequestIsRefused() {
        TwilioRequests requests = new TwilioRequests(TOKEN, PUBLIC);
        String signature = ProviderSignatures.twilio(TOKEN, PUBLIC + "/api/v1/pager/twilio/sms", reply());
        Map<String, String> otherSender = reply();
        otherSender.put("From", "+4930555011");
        assertThat(requests.verify("/api/v1/pager/twilio/sms", null, otherSender, signature)).as("a changed parameter").isFalse();
        assertThat(requests.verify("/api/v1/pager/twilio/voice/n-1/ack", null, reply(), signature)).as("another URL").isFalse();
        assertThat(requests.verify("/api/v1/pager/twilio/sms", null, reply(),
                ProviderSignatures.twilio("another-token", PUBLIC + "/api/v1/pager/twilio/sms", reply()))).as("another account").isFalse();
        assertThat(requests.verify("/api/v1/pager/twilio/sms", null, reply(), null)).as("unsigned").isFalse();
        String query = "staff=bob&exp=1&kid=k&sig=s";
        String keyPress = ProviderSignatures.twilio(TOKEN, PUBLIC + "/api/v1/pager/twilio/voice/n-1/ack?" + query, Map.of("Digits", "1"));
        assertThat(requests.verify("/api/v1/pager/twilio/voice/n-1/ack", query.replace("bob", "eve"), Map.of("Digits", "1"), keyPress))
                .as("the token in the URL is signed too").isFalse();
    }

    @Test
    void withoutAnAuthTokenNothingVerifies() {
        TwilioRequests requests = new TwilioRequests(null, PUBLIC);
        assertThat(requests.verify("/api/v1/pager/twilio/sms", null, reply(),
                ProviderSignatures.twilio(TOKEN, PUBLIC + "/api/v1/pager/twilio/sms", reply()))).isFalse();
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
