package dev.afterhours.ingest.webform;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The token each form page carries: {@code <issued-at millis>.<nonce>.<mac>}, the MAC an HMAC-SHA256 with the server's
 * key over the slug, the issue time and the nonce. Sent back with the form, it proves the page came from here, for
 * this client's form, and when: a form sent back sooner than the minimum fill time (a bot) or after the time to live
 * is refused, and so is one whose token was made up or taken from another client's form. The nonce names the page:
 * the same page sent twice (a double click, a reload) is one message.
 */
public final class FormTokens {

    private static final String ALGORITHM = "HmacSHA256";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODE = Base64.getUrlDecoder();

    public enum Verdict { VALID, FORGED, TOO_FAST, EXPIRED }

    /** What a token says, once its MAC is checked. */
    public record Checked(Verdict verdict, String nonce) {
    }

    private final SecretKeySpec key;
    private final Duration minFillTime;
    private final Duration ttl;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public FormTokens(String key, Duration minFillTime, Duration ttl, Clock clock) {
        this.key = new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), ALGORITHM);
        this.minFillTime = minFillTime;
        this.ttl = ttl;
        this.clock = clock;
    }

    /** A new token for a page of this form, issued now. */
    public String issue(String slug) {
        byte[] nonce = new byte[12];
        random.nextBytes(nonce);
        String issuedAt = Long.toString(clock.millis());
        String nonceText = B64.encodeToString(nonce);
        return issuedAt + "." + nonceText + "." + B64.encodeToString(mac(slug, issuedAt, nonceText));
    }

    /** Whether a token sent back with this form is one we issued for it, and sent back neither too soon nor too late. */
    public Checked check(String slug, String token) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty() || parts[0].length() > 19) {
            return new Checked(Verdict.FORGED, "");
        }
        byte[] given;
        long issuedAt;
        try {
            given = B64_DECODE.decode(parts[2]);
            issuedAt = Long.parseLong(parts[0]);
        } catch (IllegalArgumentException e) {
            return new Checked(Verdict.FORGED, "");
        }
        if (!MessageDigest.isEqual(mac(slug, parts[0], parts[1]), given)) {
            return new Checked(Verdict.FORGED, "");
        }
        long age = clock.millis() - issuedAt;
        if (age < minFillTime.toMillis()) {
            return new Checked(Verdict.TOO_FAST, parts[1]);
        }
        if (age > ttl.toMillis()) {
            return new Checked(Verdict.EXPIRED, parts[1]);
        }
        return new Checked(Verdict.VALID, parts[1]);
    }

    private byte[] mac(String slug, String issuedAt, String nonce) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            byte[] slugBytes = slug.getBytes(StandardCharsets.UTF_8);
            // Length-prefixed fields: no two (slug, time, nonce) triples sign the same bytes.
            mac.update(ByteBuffer.allocate(4).putInt(slugBytes.length).array());
            mac.update(slugBytes);
            mac.update(("\n" + issuedAt + "\n" + nonce).getBytes(StandardCharsets.UTF_8));
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
