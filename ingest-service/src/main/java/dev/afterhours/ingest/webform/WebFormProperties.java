package dev.afterhours.ingest.webform;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the clients' web forms ({@code afterhours.ingest.webform.*}).
 *
 * @param tokenKey    the key that signs each form page's token (HMAC-SHA256); a secret, at least 32 characters,
 *                    the same on every instance. Unset: the forms answer 503 saying so
 * @param minFillTime a form sent back sooner than this after it was served is refused (people take longer; bots not)
 * @param tokenTtl    a form sent back later than this after it was served is refused (reload the page)
 * @param rateLimit   form posts per remote address
 * @param maxBodySize the largest form post read (413 beyond)
 */
@ConfigurationProperties(prefix = "afterhours.ingest.webform")
public record WebFormProperties(
        @Nullable String tokenKey,
        @DefaultValue("PT2S") Duration minFillTime,
        @DefaultValue("PT2H") Duration tokenTtl,
        @DefaultValue RateLimit rateLimit,
        @DefaultValue("16KB") DataSize maxBodySize) {

    public WebFormProperties {
        if (tokenKey != null && tokenKey.isBlank()) {
            tokenKey = null;
        }
        if (tokenKey != null && tokenKey.getBytes(StandardCharsets.UTF_8).length < 32) {
            throw new IllegalArgumentException("afterhours.ingest.webform.token-key must be at least 32 characters "
                    + "(e.g. head -c 32 /dev/urandom | base64)");
        }
        if (minFillTime.isNegative() || !tokenTtl.isPositive() || tokenTtl.compareTo(minFillTime) <= 0) {
            throw new IllegalArgumentException("afterhours.ingest.webform: min-fill-time must not be negative and "
                    + "token-ttl must be longer, were " + minFillTime + " and " + tokenTtl);
        }
        if (maxBodySize.toBytes() < 1024) {
            throw new IllegalArgumentException("afterhours.ingest.webform.max-body-size must be at least 1KB, was "
                    + maxBodySize);
        }
    }

    public boolean configured() {
        return tokenKey != null;
    }

    /**
     * A token bucket per remote address: {@code capacity} posts at once, {@code refill} more every {@code period};
     * the least recently seen of more than {@code addresses} addresses is forgotten.
     */
    public record RateLimit(
            @DefaultValue("5") long capacity,
            @DefaultValue("5") long refill,
            @DefaultValue("PT10M") Duration period,
            @DefaultValue("10000") int addresses) {

        public RateLimit {
            if (capacity < 1 || refill < 1 || !period.isPositive() || addresses < 1) {
                throw new IllegalArgumentException("afterhours.ingest.webform.rate-limit: capacity, refill, period and "
                        + "addresses must be positive");
            }
        }
    }

    /** Without the key: it stays out of logs and error messages. */
    @Override
    public String toString() {
        return "WebFormProperties[tokenKey=" + (tokenKey == null ? "(none)" : "(set)") + ", minFillTime=" + minFillTime
                + ", tokenTtl=" + tokenTtl + ", rateLimit=" + rateLimit + ", maxBodySize=" + maxBodySize + "]";
    }
}
