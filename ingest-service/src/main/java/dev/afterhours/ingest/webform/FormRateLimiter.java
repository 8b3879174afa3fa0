package dev.afterhours.ingest.webform;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Form posts per remote address: a Bucket4j token bucket each, kept for the most recently seen addresses only (a
 * flood of addresses cannot grow the map beyond the bound). Stricter than the service-wide limit of the security
 * module, which still applies: a person sends a form once, a bot over and over.
 */
public final class FormRateLimiter {

    private final WebFormProperties.RateLimit limit;
    private final Map<String, Bucket> buckets;

    public FormRateLimiter(WebFormProperties.RateLimit limit) {
        this.limit = limit;
        int addresses = limit.addresses();
        this.buckets = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
                return size() > addresses;
            }
        });
    }

    /** @return 0 if the address may post now (and a token is taken), else the seconds until it may */
    public long secondsToWait(String address) {
        ConsumptionProbe probe = buckets.computeIfAbsent(address, a -> Bucket.builder()
                        .addLimit(Bandwidth.builder().capacity(limit.capacity())
                                .refillGreedy(limit.refill(), limit.period()).build())
                        .build())
                .tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return 0;
        }
        return Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + 999_999_999L));
    }
}
