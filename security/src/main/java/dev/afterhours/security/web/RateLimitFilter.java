package dev.afterhours.security.web;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A Bucket4j token bucket per caller, in one of two places of the security chain:
 * <ul>
 * <li>{@link #perAddress} before any credential is checked, keyed by the remote address, so that a flood of
 *     forged tokens or keys is throttled before each one costs a signature check (generous by default: an office
 *     of account managers may share one address);</li>
 * <li>{@link #perCaller} right after the bearer token is read, keyed by the signed-in person (the token's
 *     principal) or, for a request without credentials, its remote address.</li>
 * </ul>
 * Over the limit the answer is 429 with {@code Retry-After} (whole seconds until a request would pass). The
 * liveness and readiness probes are exempt: an orchestrator must never be told to back off.
 */
public class RateLimitFilter extends OncePerRequestFilter {

    static final Set<String> EXEMPT = Set.of("/actuator/health", "/actuator/health/liveness",
            "/actuator/health/readiness");

    private final boolean enabled;
    private final long capacity;
    private final long refill;
    private final Duration period;
    private final String from;
    private final Function<HttpServletRequest, String> keys;
    private final Map<String, Bucket> buckets;

    private RateLimitFilter(WebProperties.RateLimit limit, long capacity, long refill, String from,
            Function<HttpServletRequest, String> keys) {
        this.enabled = limit.enabled();
        this.capacity = capacity;
        this.refill = refill;
        this.period = limit.period();
        this.from = from;
        this.keys = keys;
        int callers = limit.callers();
        this.buckets = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
                return size() > callers;
            }
        });
    }

    /** Keyed by the signed-in person, else the address; {@code capacity}, {@code refill}. */
    public static RateLimitFilter perCaller(WebProperties.RateLimit limit) {
        return new RateLimitFilter(limit, limit.capacity(), limit.refill(), "you", RateLimitFilter::caller);
    }

    /** Keyed by the remote address whatever the credentials; {@code address-capacity}, {@code address-refill}. */
    public static RateLimitFilter perAddress(WebProperties.RateLimit limit) {
        return new RateLimitFilter(limit, limit.addressCapacity(), limit.addressRefill(), "your address",
                request -> "address:" + request.getRemoteAddr());
    }

    /** One attribute per kind of limit: with the class's default, the second filter would skip every request. */
    @Override
    protected String getAlreadyFilteredAttributeName() {
        return RateLimitFilter.class.getName() + "[" + from + "].FILTERED";
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !enabled || EXEMPT.contains(request.getRequestURI());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ConsumptionProbe probe = buckets.computeIfAbsent(keys.apply(request), k -> newBucket())
                .tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            chain.doFilter(request, response);
            return;
        }
        long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + 999_999_999L));
        response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
        Problems.write(response, Problems.of(HttpStatus.TOO_MANY_REQUESTS, null, "Too many requests from " + from
                + ": at most " + capacity + " at once and " + refill + " per " + period + "; retry after " + seconds
                + "s."), request.getRequestURI());
    }

    private static String caller(HttpServletRequest request) {
        Authentication who = SecurityContextHolder.getContext().getAuthentication();
        if (who != null && who.isAuthenticated() && !(who instanceof AnonymousAuthenticationToken)) {
            return "principal:" + who.getName();
        }
        return "address:" + request.getRemoteAddr();
    }

    private Bucket newBucket() {
        return Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(refill, period).build())
                .build();
    }
}
