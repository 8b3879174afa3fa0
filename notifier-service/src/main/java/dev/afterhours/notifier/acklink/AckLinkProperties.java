package dev.afterhours.notifier.acklink;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Signed acknowledgement links, under {@code afterhours.notifier.ack-links}.
 *
 * @param ttl  how long a link stays valid after the page is sent (4 hours by default); at most the ledger window,
 *             so that a link's use is still in the ledger after a restart
 * @param keys signing keys, newest first: the first signs new links, every one listed verifies. Secrets come from the
 *             environment ({@code AFTERHOURS_NOTIFIER_ACKLINKS_KEYS_0_ID}, {@code ..._0_SECRET}) or a config tree
 *             (files {@code afterhours.notifier.ack-links.keys[0].id} and {@code ...keys[0].secret}), never from
 *             committed configuration or the command line. With none the notifier refuses to start.
 */
@ConfigurationProperties(prefix = "afterhours.notifier.ack-links")
public record AckLinkProperties(@DefaultValue("PT4H") Duration ttl, @DefaultValue List<Key> keys) {

    /** At least this many characters of secret: 32 hex digits are 128 bits. */
    public static final int MIN_SECRET_CHARS = 32;

    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9._-]{1,40}");

    /**
     * One signing key.
     *
     * @param id     names the key in every link ({@code kid}): letters, digits, '.', '_' or '-', at most 40
     * @param secret the HMAC-SHA256 key, as text (its UTF-8 bytes), at least {@value #MIN_SECRET_CHARS} characters
     */
    public record Key(@Nullable String id, @Nullable String secret) {

        @Override
        public String toString() {
            return "Key[id=" + id + ", secret=<redacted>]";
        }
    }

    public AckLinkProperties {
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("afterhours.notifier.ack-links.ttl: must be positive, was " + ttl);
        }
        keys = List.copyOf(keys);
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < keys.size(); i++) {
            Key key = keys.get(i);
            String name = "afterhours.notifier.ack-links.keys[" + i + "]";
            if (key.id() == null || !KEY_ID.matcher(key.id().trim()).matches()) {
                throw new IllegalArgumentException(name + ".id: must be 1 to 40 letters, digits, '.', '_' or '-', was '"
                        + key.id() + "'");
            }
            if (!ids.add(key.id().trim())) {
                throw new IllegalArgumentException(name + ".id: '" + key.id().trim() + "' is listed twice");
            }
            if (key.secret() == null || key.secret().trim().length() < MIN_SECRET_CHARS) {
                throw new IllegalArgumentException(name + ".secret: must be at least " + MIN_SECRET_CHARS
                        + " characters (e.g. `head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \\n'`)");
            }
        }
    }
}
