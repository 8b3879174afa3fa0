package dev.afterhours.security.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Slack's documented example, and the window at its edges, with the body as raw bytes (the notifier's button). */
class SlackDocumentedExampleTest {

    /** The worked example of Slack's "Verifying requests from Slack". */
    private static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    private static final String TIMESTAMP = "1531420618";
    private static final byte[] BODY = ("token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow"
            + "&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect"
            + "&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN"
            + "&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c").getBytes(StandardCharsets.UTF_8);
    private static final String SIGNATURE = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";

    private static SlackSignatures at(long epochSeconds) {
        return new SlackSignatures(SECRET, Clock.fixed(Instant.ofEpochSecond(epochSeconds), ZoneOffset.UTC));
    }

    @Test
    void slacksDocumentedExampleVerifiesAndSignsTheSame() {
        assertThat(at(1531420618L).verify(TIMESTAMP, BODY, SIGNATURE)).isEqualTo(SlackSignatures.Verdict.VALID);
        assertThat(SlackSignatures.sign(SECRET, 1531420618L, BODY)).isEqualTo(SIGNATURE);
    }

    @Test
    void aForgedSignatureAChangedBodyOrAnotherSecretIsRefused() {
        assertThat(at(1531420618L).verify(TIMESTAMP, BODY, "v0=" + "0".repeat(64))).isEqualTo(SlackSignatures.Verdict.FORGED);
        byte[] changed = (new String(BODY, StandardCharsets.UTF_8) + "&user_id=U0THIEF").getBytes(StandardCharsets.UTF_8);
        assertThat(at(1531420618L).verify(TIMESTAMP, changed, SIGNATURE)).isEqualTo(SlackSignatures.Verdict.FORGED);
        assertThat(new SlackSignatures("another-secret", Clock.fixed(Instant.ofEpochSecond(1531420618L), ZoneOffset.UTC))
                .verify(TIMESTAMP, BODY, SIGNATURE)).isEqualTo(SlackSignatures.Verdict.FORGED);
        assertThat(at(1531420618L).verify("1531420619", BODY, SIGNATURE)).as("the timestamp is signed too")
                .isEqualTo(SlackSignatures.Verdict.FORGED);
    }

    @Test
    void aStaleOrFutureRequestIsRefusedEvenWithAGoodSignature() {
        // Slack's verifier counts a request exactly five minutes old as expired; so does the window check before it.
        assertThat(at(1531420618L + 299).verify(TIMESTAMP, BODY, SIGNATURE)).isEqualTo(SlackSignatures.Verdict.VALID);
        assertThat(at(1531420618L + 300).verify(TIMESTAMP, BODY, SIGNATURE))
                .isEqualTo(SlackSignatures.Verdict.STALE);
        assertThat(at(1531420618L - 300).verify(TIMESTAMP, BODY, SIGNATURE)).isEqualTo(SlackSignatures.Verdict.STALE);
    }

    @Test
    void missingHeadersOrNoSecretRefuseEverything() {
        assertThat(at(1531420618L).verify(null, BODY, SIGNATURE)).isEqualTo(SlackSignatures.Verdict.UNSIGNED);
        assertThat(at(1531420618L).verify(TIMESTAMP, BODY, null)).isEqualTo(SlackSignatures.Verdict.UNSIGNED);
        assertThat(at(1531420618L).verify("soon", BODY, SIGNATURE)).isEqualTo(SlackSignatures.Verdict.STALE);
        assertThat(new SlackSignatures(null, Clock.systemUTC()).verify(TIMESTAMP, BODY, SIGNATURE))
                .isEqualTo(SlackSignatures.Verdict.NOT_CONFIGURED);
    }
}
