package dev.afterhours.notifier.acklink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class AckLinksTest {

    // Nothing here runs on the wall clock: every check takes "now" from the clock the test passes in.
    static final Instant SENT = Instant.parse("2026-01-14T03:10:00Z");
    static final Clock AT_SEND = Clock.fixed(SENT, ZoneOffset.UTC);
    static final URI BASE = URI.create("https://pager.agency.example/");
    static final Duration TTL = Duration.ofHours(4);
    static final AckLinkProperties.Key K1 = new AckLinkProperties.Key("k1", "0123456789abcdef0123456789abcdef-one");
    static final AckLinkProperties.Key K2 = new AckLinkProperties.Key("k2", "0123456789abcdef0123456789abcdef-two");
    static final String ID = "6f1c2a3e-9b7d-4c1e-8f00-1a2b3c4d5e6f";

    static AckLinks links(Clock clock, AckLinkProperties.Key... keys) {
        return new AckLinks(List.of(keys), TTL, clock, BASE);
    }

    static Map<String, String> query(String url) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : URI.create(url).getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            params.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return params;
    }

    static AckLinks.Verdict verify(AckLinks links, String url) {
        String path = URI.create(url).getPath();
        String id = path.substring("/api/v1/notifications/".length(), path.length() - "/ack-link".length());
        Map<String, String> q = query(url);
        return links.verify(id, q.get("staff"), q.get("exp"), q.get("kid"), q.get("sig"));
    }

    @Test
    void aLinkNamesTheNotificationAndThePersonAndIsValidUntilItsExpiry() throws Exception {
        AckLinks links = links(AT_SEND, K1);
        AckLinks.Link link = links.issue(ID, "alice");

        assertThat(link.expiresAt()).isEqualTo(SENT.plus(TTL));
        assertThat(link.url()).startsWith("https://pager.agency.example/api/v1/notifications/" + ID + "/ack-link?staff=alice&exp="
                + SENT.plus(TTL).getEpochSecond() + "&kid=k1&sig=");
        Map<String, String> q = query(link.url());
        assertThat(q.get("sig")).matches("[A-Za-z0-9_-]{43}");
        // The documented message, MACed independently: receivers and operators can rely on the format.
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(K1.secret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(
                ("afterhours-ack-link-v1|" + ID + "|alice|" + q.get("exp") + "|k1").getBytes(StandardCharsets.UTF_8)));
        assertThat(q.get("sig")).isEqualTo(expected);

        assertThat(verify(links, link.url())).isEqualTo(new AckLinks.Valid(ID, "alice", SENT.plus(TTL), "k1"));
    }

    @Test
    void onlyTheCanonicalSpellingOfTheSignaturePasses() {
        AckLinks links = links(AT_SEND, K1);
        AckLinks.Link link = links.issue(ID, "alice");
        String sig = query(link.url()).get("sig");
        // 43 characters carry 258 bits for a 256-bit MAC: the last character's two low bits are spare, and a
        // decoder ignores them. Flipping one gives another spelling of the same bytes.
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        char last = sig.charAt(sig.length() - 1);
        String respelled = sig.substring(0, sig.length() - 1) + alphabet.charAt(alphabet.indexOf(last) ^ 1);
        assertThat(Base64.getUrlDecoder().decode(respelled)).isEqualTo(Base64.getUrlDecoder().decode(sig));

        assertThat(verify(links, link.url().replace("sig=" + sig, "sig=" + respelled)))
                .isEqualTo(new AckLinks.Forged("bad signature"));
        assertThat(verify(links, link.url())).isInstanceOf(AckLinks.Valid.class);
    }

    @Test
    void aStaffIdThatNeedsEscapingSurvivesTheRoundTrip() {
        AckLinks links = links(AT_SEND, K1);
        AckLinks.Link link = links.issue(ID, "ann marie+ops&co");
        assertThat(link.url()).contains("staff=ann%20marie%2Bops%26co&");
        assertThat(verify(links, link.url())).isInstanceOf(AckLinks.Valid.class)
                .extracting(v -> ((AckLinks.Valid) v).staffId()).isEqualTo("ann marie+ops&co");
    }

    @Test
    void changingAnyFieldForgesTheLink() {
        AckLinks links = links(AT_SEND, K1, K2);
        Map<String, String> q = query(links.issue(ID, "alice").url());
        String staff = q.get("staff"), exp = q.get("exp"), kid = q.get("kid"), sig = q.get("sig");
        String later = Long.toString(Long.parseLong(exp) + 3600);
        char last = sig.charAt(sig.length() - 1);
        String flipped = sig.substring(0, sig.length() - 1) + (last == 'A' ? 'B' : 'A');

        assertThat(links.verify(ID, staff, exp, kid, sig)).isInstanceOf(AckLinks.Valid.class);
        assertThat(links.verify(ID, "mallory", exp, kid, sig)).as("another person").isInstanceOf(AckLinks.Forged.class);
        assertThat(links.verify("7f1c2a3e-9b7d-4c1e-8f00-1a2b3c4d5e6f", staff, exp, kid, sig)).as("another notification")
                .isInstanceOf(AckLinks.Forged.class);
        assertThat(links.verify(ID, staff, later, kid, sig)).as("a later expiry").isInstanceOf(AckLinks.Forged.class);
        assertThat(links.verify(ID, staff, exp, "k2", sig)).as("another of our keys").isInstanceOf(AckLinks.Forged.class);
        assertThat(links.verify(ID, staff, exp, kid, flipped)).as("another signature").isInstanceOf(AckLinks.Forged.class);
        assertThat(links.verify(ID, staff, exp, kid, sig.substring(0, 20))).as("a truncated one").isInstanceOf(AckLinks.Forged.class);
        assertThat(links.verify(ID, staff, exp, kid, "not base64!")).isInstanceOf(AckLinks.Forged.class);
        assertThat(links.verify(ID, staff, exp, kid, null)).as("no signature").isInstanceOf(AckLinks.Forged.class);
        assertThat(links.verify(ID, staff, "-1", kid, sig)).isInstanceOf(AckLinks.Forged.class);
        assertThat(links.verify(ID, staff, exp + "0", kid, sig)).isInstanceOf(AckLinks.Forged.class);
    }

    @Test
    void fieldsCannotBeShiftedAcrossTheSeparator() {
        AckLinks links = links(AT_SEND, K1);
        assertThatThrownBy(() -> links.issue(ID, "alice|x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> links.issue(ID + "|alice", "x")).isInstanceOf(IllegalArgumentException.class);
        Map<String, String> q = query(links.issue(ID, "alice").url());
        assertThat(links.verify(ID + "|alice", "", q.get("exp"), q.get("kid"), q.get("sig"))).isInstanceOf(AckLinks.Forged.class);
        assertThat(links.verify(ID, "alice|" + q.get("exp"), q.get("exp"), q.get("kid"), q.get("sig")))
                .isEqualTo(new AckLinks.Forged("malformed notification or staff id"));
    }

    @Test
    void aLinkExpiresAtItsExpiryOnTheInjectedClock() {
        String url = links(AT_SEND, K1).issue(ID, "alice").url();
        Instant expiry = SENT.plus(TTL);

        assertThat(verify(links(Clock.fixed(expiry.minusSeconds(1), ZoneOffset.UTC), K1), url)).isInstanceOf(AckLinks.Valid.class);
        assertThat(verify(links(Clock.fixed(expiry, ZoneOffset.UTC), K1), url)).isEqualTo(new AckLinks.Expired(expiry));
        assertThat(verify(links(Clock.fixed(expiry.plus(Duration.ofDays(3)), ZoneOffset.UTC), K1), url))
                .isEqualTo(new AckLinks.Expired(expiry));
        AckLinks.Link shortLived = links(AT_SEND, K1).issue(ID, "alice", SENT.plusMillis(1500));
        assertThat(shortLived.expiresAt()).as("to the second").isEqualTo(SENT.plusSeconds(1));
    }

    @Test
    void anExpiredLinkWithAChangedFieldIsForgedNotExpired() {
        Map<String, String> q = query(links(AT_SEND, K1).issue(ID, "alice").url());
        AckLinks later = links(Clock.fixed(SENT.plus(Duration.ofDays(1)), ZoneOffset.UTC), K1);
        assertThat(later.verify(ID, "mallory", q.get("exp"), q.get("kid"), q.get("sig"))).isInstanceOf(AckLinks.Forged.class);
    }

    @Test
    void afterARotationTheNewKeySignsAndTheOldStillVerifiesUntilRemoved() {
        String old = links(AT_SEND, K1).issue(ID, "alice").url();
        AckLinks rotated = links(AT_SEND, K2, K1);

        assertThat(rotated.signingKeyId()).isEqualTo("k2");
        assertThat(query(rotated.issue(ID, "alice").url()).get("kid")).isEqualTo("k2");
        assertThat(verify(rotated, old)).as("an old link, still listed").isInstanceOf(AckLinks.Valid.class)
                .extracting(v -> ((AckLinks.Valid) v).keyId()).isEqualTo("k1");
        assertThat(verify(rotated, rotated.issue(ID, "alice").url())).isInstanceOf(AckLinks.Valid.class);

        AckLinks retired = links(AT_SEND, K2);
        assertThat(verify(retired, old)).as("the old key removed").isEqualTo(new AckLinks.Forged("unknown key 'k1'"));
    }

    @Test
    void aKeyIdWeDoNotHoldIsRefused() {
        AckLinks links = links(AT_SEND, K1);
        Map<String, String> q = query(links(AT_SEND, new AckLinkProperties.Key("elsewhere", K1.secret())).issue(ID, "alice").url());
        assertThat(links.verify(ID, "alice", q.get("exp"), "elsewhere", q.get("sig"))).isEqualTo(new AckLinks.Forged("unknown key 'elsewhere'"));
    }

    @Test
    void withoutAKeyTheNotifierDoesNotStart() {
        assertThatThrownBy(() -> links(AT_SEND)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("afterhours.notifier.ack-links.keys[0].id").hasMessageContaining("AFTERHOURS_NOTIFIER_ACKLINKS_KEYS_0_SECRET");
    }

    @Test
    void keysAreCheckedWhenConfigured() {
        assertThatThrownBy(() -> new AckLinkProperties(TTL, List.of(new AckLinkProperties.Key("k1", "too short"))))
                .hasMessageContaining("keys[0].secret").hasMessageContaining("at least 32");
        assertThatThrownBy(() -> new AckLinkProperties(TTL, List.of(new AckLinkProperties.Key("k 1", K1.secret()))))
                .hasMessageContaining("keys[0].id");
        assertThatThrownBy(() -> new AckLinkProperties(TTL, List.of(K1, new AckLinkProperties.Key("k1", K2.secret()))))
                .hasMessageContaining("keys[1].id").hasMessageContaining("twice");
        assertThatThrownBy(() -> new AckLinkProperties(Duration.ZERO, List.of(K1))).hasMessageContaining("ttl");
        assertThat(K1.toString()).doesNotContain(K1.secret());
    }

    @Test
    void aFeedTokenVerifiesOnlyForItsKindAndIdUnderAListedKeyAndNeverAsAnAckLink() {
        AckLinks current = links(AT_SEND, K1, K2);
        String token = current.feedToken("rotation", "after-hours");
        assertThat(current.verifyFeedToken("rotation", "after-hours", token)).isTrue();
        assertThat(current.verifyFeedToken("rotation", "other", token)).isFalse();
        assertThat(current.verifyFeedToken("staff", "after-hours", token)).isFalse();
        assertThat(current.verifyFeedToken("rotation", "after-hours", null)).isFalse();
        assertThat(current.verifyFeedToken("rotation", "after-hours", "k1.")).isFalse();
        assertThat(current.verifyFeedToken("rotation", "after-hours", "k2" + token.substring(2))).as("other key").isFalse();
        assertThat(current.verifyFeedToken("rotation", "after-hours", token.substring(0, token.length() - 2) + "AA")).isFalse();
        for (char last : "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".toCharArray()) {
            String respelled = token.substring(0, token.length() - 1) + last;
            assertThat(current.verifyFeedToken("rotation", "after-hours", respelled)).as(respelled)
                    .isEqualTo(respelled.equals(token)); // only the canonical spelling, not one with other spare bits
        }
        assertThat(current.verifyFeedToken("rotation", "after-hours", "nokey" + token.substring(2))).isFalse();
        // rotated: the old key still verifies while it is listed, and no longer once removed
        assertThat(links(AT_SEND, K2, K1).verifyFeedToken("rotation", "after-hours", token)).isTrue();
        assertThat(links(AT_SEND, K2).verifyFeedToken("rotation", "after-hours", token)).isFalse();
        // an ack link's signature is never a feed token, nor the other way round
        String sig = current.issue(ID, "alice").url().replaceAll(".*sig=", "");
        assertThat(current.verifyFeedToken("rotation", "after-hours", "k1." + sig)).isFalse();
    }
}
