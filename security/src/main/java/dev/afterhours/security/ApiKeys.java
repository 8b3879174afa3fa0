package dev.afterhours.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shape of an integration's API key: {@code ahk_<keyId>_<secret>}, where the key id is public (it names the
 * key in lists and logs) and the secret is 256 random bits. Only the SHA-256 of the secret is ever stored: a slow
 * password hash buys nothing for a secret that cannot be guessed, and a lookup must stay fast under a burst.
 */
public final class ApiKeys {

    /** Sent in this header, or as {@code Authorization: ApiKey <key>}. */
    public static final String HEADER = "X-Api-Key";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern SHAPE = Pattern.compile("ahk_([a-z0-9]{16})_([A-Za-z0-9_-]{43})");

    /** A key as handed to its owner once, with the parts to store. */
    public record Issued(String keyId, String key, String secretSha256) {
    }

    /** The parts of a presented key. */
    public record Presented(String keyId, String secret) {
    }

    private ApiKeys() {
    }

    /** A new key with a new id. */
    public static Issued issue() {
        return issue(newKeyId());
    }

    /** A new secret for an existing key id (rotation: the old secret stops working once this one is stored). */
    public static Issued issue(String keyId) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        return new Issued(keyId, "ahk_" + keyId + "_" + encoded, sha256(encoded));
    }

    public static Optional<Presented> parse(String presented) {
        Matcher m = SHAPE.matcher(presented.strip());
        return m.matches() ? Optional.of(new Presented(m.group(1), m.group(2))) : Optional.empty();
    }

    /** Whether the secret hashes to the stored hash, in time that does not depend on where they differ. */
    public static boolean matches(String secret, String storedSha256) {
        return MessageDigest.isEqual(sha256(secret).getBytes(StandardCharsets.US_ASCII),
                storedSha256.getBytes(StandardCharsets.US_ASCII));
    }

    static String sha256(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static String newKeyId() {
        byte[] id = new byte[8];
        RANDOM.nextBytes(id);
        return HexFormat.of().formatHex(id);
    }
}
