package dev.afterhours.notifier.acklink;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Issues and checks signed acknowledgement links:
 * {@code <public-base-url>/api/v1/notifications/{id}/ack-link?staff=<staffId>&exp=<epochSeconds>&kid=<keyId>&sig=<sig>},
 * where {@code sig} is the unpadded base64url HMAC-SHA256, under the key named by {@code kid}, of
 * {@code afterhours-ack-link-v1|<id>|<staff>|<exp>|<kid>}. The prefix keeps these MACs apart from any other use of the
 * same secret; an id or staff id containing '|' is never signed nor accepted, so the fields cannot be shifted.
 *
 * <p>The first key signs, every key verifies: a new key goes first, the old one stays listed until its links have
 * expired. Signatures are compared in constant time. Whether a link was used is not this class's business: a link
 * is spent when its notification is acknowledged, which the ledger knows (and rebuilds after a restart).
 */
public final class AckLinks {

    static final String ALGORITHM = "HmacSHA256";
    static final String DOMAIN = "afterhours-ack-link-v1";
    static final String FEED_DOMAIN = "afterhours-calendar-feed-v1";
    private static final Pattern EPOCH_SECONDS = Pattern.compile("[0-9]{1,12}");

    /** A link and when it stops working. */
    public record Link(String url, Instant expiresAt) {
    }

    /** What a presented link turned out to be. */
    public sealed interface Verdict {
    }

    /** Signed by one of our keys, for this notification and person, and not yet expired. */
    public record Valid(String notificationId, String staffId, Instant expiresAt, String keyId) implements Verdict {
    }

    /** Not signed by us as presented: a changed field, a bad or missing signature, a key we do not hold. */
    public record Forged(String why) implements Verdict {
    }

    /** Genuine, but past its expiry. */
    public record Expired(Instant expiredAt) implements Verdict {
    }

    private final Map<String, SecretKeySpec> keys = new LinkedHashMap<>();
    private final String signingKeyId;
    private final Duration ttl;
    private final Clock clock;
    private final String base;

    /** @param keys newest first; the first signs. Not empty. */
    public AckLinks(List<AckLinkProperties.Key> keys, Duration ttl, Clock clock, URI publicBaseUrl) {
        if (keys.isEmpty()) {
            throw new IllegalStateException("No ack-link signing key: set afterhours.notifier.ack-links.keys[0].id and "
                    + ".secret (env AFTERHOURS_NOTIFIER_ACKLINKS_KEYS_0_ID and AFTERHOURS_NOTIFIER_ACKLINKS_KEYS_0_SECRET, "
                    + "or files of those property names in a configtree: import, as ./afterhours does). The notifier "
                    + "does not start without one: every page carries a signed acknowledgement link.");
        }
        for (AckLinkProperties.Key key : keys) {
            String id = required(key.id(), "id").trim();
            byte[] secret = required(key.secret(), "secret").trim().getBytes(StandardCharsets.UTF_8);
            this.keys.put(id, new SecretKeySpec(secret, ALGORITHM));
        }
        this.signingKeyId = this.keys.keySet().iterator().next();
        this.ttl = ttl;
        this.clock = clock;
        String text = publicBaseUrl.toString();
        this.base = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }

    public static AckLinks from(AckLinkProperties properties, Clock clock, URI publicBaseUrl) {
        return new AckLinks(properties.keys(), properties.ttl(), clock, publicBaseUrl);
    }

    /** The key new links are signed with. */
    public String signingKeyId() {
        return signingKeyId;
    }

    /** Every key a link may be signed with. */
    public List<String> keyIds() {
        return List.copyOf(keys.keySet());
    }

    public Duration ttl() {
        return ttl;
    }

    /** A link for this person to acknowledge this notification, valid for the configured time from now. */
    public Link issue(String notificationId, String staffId) {
        return issue(notificationId, staffId, clock.instant().plus(ttl));
    }

    /** A link that expires at {@code expiresAt} (to the second, rounded down). */
    public Link issue(String notificationId, String staffId, Instant expiresAt) {
        if (!signable(notificationId) || !signable(staffId)) {
            throw new IllegalArgumentException("cannot sign an ack link for notification '" + notificationId
                    + "' and staff '" + staffId + "': blank, or contains '|'");
        }
        String exp = Long.toString(expiresAt.getEpochSecond());
        String sig = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(mac(keys.get(signingKeyId), notificationId, staffId, exp, signingKeyId));
        String url = base + "/api/v1/notifications/" + encode(notificationId) + "/ack-link?staff=" + encode(staffId)
                + "&exp=" + exp + "&kid=" + encode(signingKeyId) + "&sig=" + sig;
        return new Link(url, Instant.ofEpochSecond(expiresAt.getEpochSecond()));
    }

    /** Checks a presented link's fields; forged before expired, so an expiry answer means the link is genuine. */
    public Verdict verify(String notificationId, @Nullable String staff, @Nullable String exp, @Nullable String kid,
            @Nullable String sig) {
        if (staff == null || exp == null || kid == null || sig == null || sig.isBlank()) {
            return new Forged("incomplete link: staff, exp, kid and sig are all required");
        }
        if (!signable(notificationId) || !signable(staff)) {
            return new Forged("malformed notification or staff id");
        }
        if (!EPOCH_SECONDS.matcher(exp).matches()) {
            return new Forged("malformed exp");
        }
        SecretKeySpec key = keys.get(kid);
        if (key == null) {
            return new Forged("unknown key '" + kid + "'");
        }
        try {
            Base64.getUrlDecoder().decode(sig);
        } catch (IllegalArgumentException e) {
            return new Forged("malformed sig");
        }
        // Compared as text, as feed tokens are: a base64 decoder ignores the last character's spare bits, so
        // comparing decoded bytes let several spellings of one signature through.
        String expected = Base64.getUrlEncoder().withoutPadding().encodeToString(mac(key, notificationId, staff, exp, kid));
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), sig.getBytes(StandardCharsets.UTF_8))) {
            return new Forged("bad signature");
        }
        Instant expiresAt = Instant.ofEpochSecond(Long.parseLong(exp));
        if (!clock.instant().isBefore(expiresAt)) {
            return new Expired(expiresAt);
        }
        return new Valid(notificationId, staff, expiresAt, kid);
    }

    /**
     * The token of a calendar feed a calendar app subscribes to (it cannot send a bearer token):
     * {@code <kid>.<sig>}, {@code sig} the unpadded base64url HMAC-SHA256 of
     * {@code afterhours-calendar-feed-v1|<kind>|<id>|<kid>} under the signing key. Its own prefix keeps it from ever
     * passing as an ack link, or one as it. It does not expire: a subscription lasts; removing the key revokes it.
     *
     * @param kind what the feed is of ({@code rotation}, {@code staff})
     */
    public String feedToken(String kind, String id) {
        if (!signable(kind) || !signable(id)) {
            throw new IllegalArgumentException("cannot sign a feed of " + kind + " '" + id + "': blank, or contains '|'");
        }
        return signingKeyId + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(hmac(keys.get(signingKeyId), FEED_DOMAIN, kind, id, signingKeyId));
    }

    /** Whether {@code token} is the feed token of this kind and id, under any key listed (constant-time compare). */
    public boolean verifyFeedToken(String kind, String id, @Nullable String token) {
        if (token == null || !signable(kind) || !signable(id)) {
            return false;
        }
        int dot = token.lastIndexOf('.');
        if (dot <= 0) {
            return false;
        }
        String kid = token.substring(0, dot);
        SecretKeySpec key = keys.get(kid);
        if (key == null) {
            return false;
        }
        // Compared as text, so only the one canonical spelling passes (a base64 decoder ignores the last
        // character's spare bits, which would let several spellings of one token through).
        String expected = Base64.getUrlEncoder().withoutPadding().encodeToString(hmac(key, FEED_DOMAIN, kind, id, kid));
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                token.substring(dot + 1).getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] mac(SecretKeySpec key, String notificationId, String staffId, String exp, String kid) {
        return hmac(key, DOMAIN, notificationId, staffId, exp, kid);
    }

    /** HMAC-SHA256 of the parts joined with '|'; the first part is the domain that keeps uses apart. */
    private static byte[] hmac(SecretKeySpec key, String... parts) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM); // not thread-safe: one per call
            mac.init(key);
            return mac.doFinal(String.join("|", parts).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private static boolean signable(String field) {
        return !field.isBlank() && field.indexOf('|') < 0;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String required(@Nullable String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("afterhours.notifier.ack-links: a key without " + what);
        }
        return value;
    }
}
