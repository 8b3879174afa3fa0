package dev.afterhours.ingest.webform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.afterhours.testkit.SettableClock;
import dev.afterhours.ingest.webform.FormTokens.Verdict;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FormTokensTest {

    private static final String KEY = "a-test-key-that-is-at-least-32-characters";

    private final SettableClock clock = new SettableClock(Instant.EPOCH.plus(Duration.ofDays(20_000)));
    private final FormTokens tokens = new FormTokens(KEY, Duration.ofSeconds(2), Duration.ofHours(2), clock);

    @Test
    void aTokenIsValidForItsFormBetweenTheMinimumFillTimeAndItsTimeToLive() {
        String token = tokens.issue("bergmann");

        assertThat(tokens.check("bergmann", token).verdict()).isEqualTo(Verdict.TOO_FAST);
        clock.advance(Duration.ofMillis(1999));
        assertThat(tokens.check("bergmann", token).verdict()).isEqualTo(Verdict.TOO_FAST);
        clock.advance(Duration.ofMillis(1));
        FormTokens.Checked valid = tokens.check("bergmann", token);
        assertThat(valid.verdict()).isEqualTo(Verdict.VALID);
        assertThat(valid.nonce()).isEqualTo(token.split("\\.")[1]).isNotBlank();
        clock.advance(Duration.ofHours(2).minusSeconds(2));
        assertThat(tokens.check("bergmann", token).verdict()).isEqualTo(Verdict.VALID);
        clock.advance(Duration.ofMillis(1));
        assertThat(tokens.check("bergmann", token).verdict()).isEqualTo(Verdict.EXPIRED);
    }

    @Test
    void anotherFormAnotherKeyOrAnyChangeIsForged() {
        String token = tokens.issue("bergmann");
        clock.advance(Duration.ofSeconds(10));
        String[] parts = token.split("\\.");

        assertThat(tokens.check("acme-shop", token).verdict()).isEqualTo(Verdict.FORGED);
        assertThat(new FormTokens(KEY + "x", Duration.ofSeconds(2), Duration.ofHours(2), clock).check("bergmann", token)
                .verdict()).isEqualTo(Verdict.FORGED);
        assertThat(tokens.check("bergmann", (Long.parseLong(parts[0]) + 1) + "." + parts[1] + "." + parts[2]).verdict())
                .as("a later issue time, to live longer").isEqualTo(Verdict.FORGED);
        assertThat(tokens.check("bergmann", parts[0] + ".AAAAAAAAAAAAAAAA." + parts[2]).verdict()).isEqualTo(Verdict.FORGED);
        for (String junk : new String[] {"", "x", "1.2", "a.b.c", "1.2.3.4", "99999999999999999999.a.b", "1.a.%%%"}) {
            assertThat(tokens.check("bergmann", junk).verdict()).as(junk).isEqualTo(Verdict.FORGED);
        }
    }

    @Test
    void everyPageGetsItsOwnNonce() {
        assertThat(tokens.issue("bergmann").split("\\.")[1]).isNotEqualTo(tokens.issue("bergmann").split("\\.")[1]);
    }
}
