package dev.afterhours.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ApiKeysTest {

    @Test
    void anIssuedKeyParsesBackToItsIdAndMatchesOnlyItsOwnHash() {
        ApiKeys.Issued issued = ApiKeys.issue();

        ApiKeys.Presented presented = ApiKeys.parse(issued.key()).orElseThrow();
        assertThat(presented.keyId()).isEqualTo(issued.keyId());
        assertThat(issued.key()).startsWith("ahk_" + issued.keyId() + "_").doesNotContain(issued.secretSha256());
        assertThat(ApiKeys.matches(presented.secret(), issued.secretSha256())).isTrue();
        assertThat(ApiKeys.matches(presented.secret(), ApiKeys.issue().secretSha256())).isFalse();
        assertThat(issued.secretSha256()).matches("[0-9a-f]{64}");
    }

    @Test
    void rotationKeepsTheIdAndChangesTheSecret() {
        ApiKeys.Issued first = ApiKeys.issue();
        ApiKeys.Issued rotated = ApiKeys.issue(first.keyId());

        assertThat(rotated.keyId()).isEqualTo(first.keyId());
        assertThat(rotated.key()).isNotEqualTo(first.key());
        String oldSecret = ApiKeys.parse(first.key()).orElseThrow().secret();
        assertThat(ApiKeys.matches(oldSecret, rotated.secretSha256())).isFalse();
    }

    @Test
    void anythingNotShapedLikeAKeyIsRefusedBeforeAnyLookup() {
        String good = ApiKeys.issue().key();

        assertThat(ApiKeys.parse(good.substring(0, good.length() - 1))).isEmpty();
        assertThat(ApiKeys.parse("Bearer " + good)).isEmpty();
        assertThat(ApiKeys.parse("ahk_UPPERCASEID0000_" + "a".repeat(43))).isEmpty();
        assertThat(ApiKeys.parse("")).isEmpty();
        assertThat(ApiKeys.parse(" " + good + " ")).isPresent();
    }
}
