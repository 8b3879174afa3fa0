package dev.afterhours.security.web;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A Bucket4j token bucket per caller: the signed-in person (the token's principal) or, for a request without a
 * token, its remote address. Runs in the security chain right after the bearer token is read, so it knows who is
 * calling. Over the limit the answer is 429 with {@code Retry-After} (whole seconds until a request would pass).
 * The liveness and readiness probes are exempt: an orchestrator must never be told to back off.
 */
public class RateLimitFilter extends OncePerRequestFilter {

    static final Set<String> EXEMPT = Set.of("/actuator/health", "/actuator/health/liveness",
            "/actuator/health/readiness");

    private final WebProperties.RateLimit limit;
    private final Map<String, Bucket> buckets;

    public RateLimitFilter(WebProperties.RateLimit limit) {
        this.limit = limit;
        int callers = limit.callers();
        this.buckets = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
                return size() > callers;
            }
        });
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !limit.enabled() || EXEMPT.contains(request.getRequestURI());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ConsumptionProbe probe = buckets.computeIfAbsent(caller(request), k -> newBucket()).tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            chain.doFilter(request, response);
            return;
        }
        long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + 999_999_999L));
        response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
        Problems.write(response, Problems.of(HttpStatus.TOO_MANY_REQUESTS, null, "Too many requests from you: at most "
                + limit.capacity() + " at once and " + limit.refill() + " per " + limit.period()
                + "; retry after " + seconds + "s."), request.getRequestURI());
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
                .addLimit(Bandwidth.builder().capacity(limit.capacity()).refillGreedy(limit.refill(), limit.period()).build())
                .build();
    }
}
