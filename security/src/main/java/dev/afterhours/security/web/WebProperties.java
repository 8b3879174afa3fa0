package dev.afterhours.security.web;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits every service's HTTP API shares ({@code afterhours.web.*}).
 *
 * @param maxBodySize largest request body any endpoint reads (413 beyond), also for chunked bodies
 * @param rateLimit   requests per caller: the signed-in person (the token's principal), or the remote address
 *                    for anonymous requests; the liveness and readiness probes are exempt
 */
@ConfigurationProperties("afterhours.web")
public record WebProperties(
        @DefaultValue("256KB") DataSize maxBodySize,
        @DefaultValue RateLimit rateLimit) {

    public WebProperties {
        if (maxBodySize.toBytes() < 1) {
            throw new IllegalArgumentException("afterhours.web.max-body-size must be positive, was " + maxBodySize);
        }
    }

    /**
     * A token bucket per caller: {@code capacity} requests at once, refilled by {@code refill} every
     * {@code period} (defaults: a burst of 100, then 50 a second); and, checked before any credential, one per
     * remote address: {@code address-capacity} at once, refilled by {@code address-refill} every {@code period}
     * (defaults: 1,000, then 500 a second, room for an office of people behind one address).
     *
     * @param enabled  false to switch rate limiting off
     * @param callers  how many callers' (and addresses') buckets are kept; the least recently seen is forgotten
     */
    public record RateLimit(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("100") long capacity,
            @DefaultValue("50") long refill,
            @DefaultValue("PT1S") Duration period,
            @DefaultValue("10000") int callers,
            @DefaultValue("1000") long addressCapacity,
            @DefaultValue("500") long addressRefill) {

        public RateLimit {
            if (capacity < 1 || refill < 1 || !period.isPositive() || callers < 1 || addressCapacity < 1
                    || addressRefill < 1) {
                throw new IllegalArgumentException("afterhours.web.rate-limit: capacity, refill, period, callers, "
                        + "address-capacity and address-refill must be positive, were " + capacity + ", " + refill
                        + ", " + period + ", " + callers + ", " + addressCapacity + ", " + addressRefill);
            }
        }
    }
}
