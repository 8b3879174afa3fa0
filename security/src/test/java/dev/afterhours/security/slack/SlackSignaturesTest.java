package dev.afterhours.security.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.app_backend.SlackSignature;
import dev.afterhours.security.slack.SlackSignatures.Verdict;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SlackSignaturesTest {

    private static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    private static final String BODY = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&command=%2Fweather";
    // nothing here runs on the wall clock: the verifier takes "now" from the clock it is given
    private final Instant now = Instant.parse("2026-12-07T20:00:00Z");
    private final SlackSignatures signatures = new SlackSignatures(SECRET, Clock.fixed(now, ZoneOffset.UTC));

    private static String sign(String secret, Instant at, String body) {
        return new SlackSignature.Generator(secret).generate(Long.toString(at.getEpochSecond()), body);
    }

    @Test
    void slacksDocumentedExampleVerifies() {
        // https://api.slack.com/authentication/verifying-requests-from-slack: this secret, body and timestamp sign
        // to the signature Slack's page shows
        Instant documented = Instant.ofEpochSecond(1531420618);
        SlackSignatures then = new SlackSignatures(SECRET, Clock.fixed(documented.plusSeconds(10), ZoneOffset.UTC));
        String body = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V"
                + "&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text="
                + "&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN"
                + "&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";

        assertThat(then.verify("1531420618", body,
                "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503")).isEqualTo(Verdict.VALID);
    }

    @Test
    void aRequestSignedWithTheSecretWithinFiveMinutesIsValid() {
        assertThat(signatures.verify(Long.toString(now.getEpochSecond()), BODY, sign(SECRET, now, BODY)))
                .isEqualTo(Verdict.VALID);
        Instant fourMinutesAgo = now.minus(Duration.ofMinutes(4));
        assertThat(signatures.verify(Long.toString(fourMinutesAgo.getEpochSecond()), BODY, sign(SECRET, fourMinutesAgo, BODY)))
                .isEqualTo(Verdict.VALID);
    }

    @Test
    void anotherSecretOrAnotherBodyIsForged() {
        String ts = Long.toString(now.getEpochSecond());
        assertThat(signatures.verify(ts, BODY, sign("another-secret", now, BODY))).isEqualTo(Verdict.FORGED);
        assertThat(signatures.verify(ts, BODY + "&x=1", sign(SECRET, now, BODY))).isEqualTo(Verdict.FORGED);
        assertThat(signatures.verify(ts, BODY, "v0=00")).isEqualTo(Verdict.FORGED);
    }

    @Test
    void outsideTheWindowPastOrFutureIsStale_evenWhenCorrectlySigned() {
        for (Instant at : new Instant[] {now.minus(Duration.ofMinutes(5)), now.minus(Duration.ofHours(1)),
                now.plus(Duration.ofMinutes(6))}) {
            assertThat(signatures.verify(Long.toString(at.getEpochSecond()), BODY, sign(SECRET, at, BODY)))
                    .as("signed at " + at).isEqualTo(Verdict.STALE);
        }
        assertThat(signatures.verify("yesterday", BODY, sign(SECRET, now, BODY))).isEqualTo(Verdict.STALE);
    }

    @Test
    void missingHeadersAreUnsigned_andWithoutASecretNothingVerifies() {
        assertThat(signatures.verify(null, BODY, sign(SECRET, now, BODY))).isEqualTo(Verdict.UNSIGNED);
        assertThat(signatures.verify(Long.toString(now.getEpochSecond()), BODY, " ")).isEqualTo(Verdict.UNSIGNED);
        SlackSignatures off = new SlackSignatures(null, Clock.fixed(now, ZoneOffset.UTC));
        assertThat(off.configured()).isFalse();
        assertThat(off.verify(Long.toString(now.getEpochSecond()), BODY, sign(SECRET, now, BODY)))
                .isEqualTo(Verdict.NOT_CONFIGURED);
    }
}
