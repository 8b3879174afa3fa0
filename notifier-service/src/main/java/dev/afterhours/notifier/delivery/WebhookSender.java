package dev.afterhours.notifier.delivery;

import dev.afterhours.directory.OutboundUrlPolicy;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs a page as JSON to a person's webhook, signed with HMAC-SHA256 (see {@link WebhookSignature}) and carrying the
 * notification id as {@code Idempotency-Key}, so a receiver can drop the copy a retry sends. Non-2xx answers and
 * timeouts are retried with backoff. Without a secret nothing is sent: an unsigned page would teach receivers to
 * accept unsigned requests.
 *
 * <p>The URL came from the directory, so before every attempt it is judged again by the {@link OutboundUrlPolicy}
 * (SSRF): the host is resolved and every address it resolves to must be allowed, which catches a name that passed
 * when it was saved and has since been pointed (or rebound) inward. The HTTP client then resolves the name itself;
 * the JVM's address cache ({@code networkaddress.cache.ttl}, 30 s by default) normally hands it the addresses just
 * checked, so a rebinding would have to land between the two lookups. Redirects are never followed: a 3xx is a
 * failed delivery. Only the status code of an answer is recorded, never its body.
 */
public final class WebhookSender {

    /** Resolves a host name to every address it has; {@link InetAddress#getAllByName} in production. */
    @FunctionalInterface
    public interface Resolver {
        List<InetAddress> resolve(String host) throws UnknownHostException;
    }

    private static final Logger log = LoggerFactory.getLogger(WebhookSender.class);

    private final HttpClient http;
    private final @Nullable String secret;
    private final Duration timeout;
    private final int attempts;
    private final Duration backoff;
    private final Clock clock;
    private final OutboundUrlPolicy policy;
    private final Resolver resolver;

    public WebhookSender(@Nullable String secret, Duration timeout, int attempts, Duration backoff, Clock clock,
            OutboundUrlPolicy policy) {
        this(secret, timeout, attempts, backoff, clock, policy, host -> List.of(InetAddress.getAllByName(host)));
    }

    public WebhookSender(@Nullable String secret, Duration timeout, int attempts, Duration backoff, Clock clock,
            OutboundUrlPolicy policy, Resolver resolver) {
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .proxy(HttpClient.Builder.NO_PROXY)
                .build();
        this.secret = secret;
        this.timeout = timeout;
        this.attempts = attempts;
        this.backoff = backoff;
        this.clock = clock;
        this.policy = policy;
        this.resolver = resolver;
        if (secret == null) {
            log.warn("afterhours.notifier.webhook-secret (env AFTERHOURS_WEBHOOK_SECRET) is not set: webhook pages are "
                    + "REFUSED and recorded as NotificationFailed; email pages still go out. Set a shared secret to enable webhooks.");
        }
    }

    public boolean enabled() {
        return secret != null;
    }

    /** The internal targets allowed anyway, as configured; empty when none. */
    public String allowList() {
        return policy.allowList();
    }

    /** Never throws: a URL that is malformed or refused is a failed delivery with the reason. */
    public DeliveryResult send(String url, String notificationId, String jsonBody) {
        String key = secret;
        if (key == null) {
            return new DeliveryResult.Failed("webhook delivery disabled: afterhours.notifier.webhook-secret is not set", 0);
        }
        return switch (policy.checkUrl(url)) {
            case OutboundUrlPolicy.Refused refused -> {
                log.warn("Not calling the webhook of notification {}: {}", notificationId, refused.reason());
                yield new DeliveryResult.Failed("refused: webhookUrl " + refused.reason(), 0);
            }
            case OutboundUrlPolicy.Allowed allowed ->
                    Retrying.run(attempts, backoff, () -> attempt(url, allowed, notificationId, jsonBody, key));
        };
    }

    private @Nullable String attempt(String url, OutboundUrlPolicy.Allowed allowed, String notificationId, String body,
            String key) {
        String target = allowed.host() + ":" + allowed.port();
        if (!allowed.byAllowListed()) {
            List<InetAddress> addresses;
            try {
                addresses = resolver.resolve(allowed.host());
            } catch (UnknownHostException e) {
                return "host " + allowed.host() + " did not resolve";
            }
            if (policy.check(url, addresses) instanceof OutboundUrlPolicy.Refused refused) {
                log.warn("Not calling the webhook of notification {}: {}", notificationId, refused.reason());
                throw new Retrying.Permanent("refused: webhookUrl " + refused.reason());
            }
        }
        // Signed per attempt: the timestamp is part of the signature and receivers bound its age.
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(allowed.url())
                    .timeout(timeout)
                    .header("Content-Type", "application/json")
                    .header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
                    .header(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(key, timestamp, body))
                    .header(WebhookSignature.IDEMPOTENCY_KEY_HEADER, notificationId)
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
        } catch (IllegalArgumentException e) {
            throw new Retrying.Permanent("webhookUrl cannot be called: " + e.getMessage());
        }
        try {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            if (status / 100 == 2) {
                return null;
            }
            log.info("Webhook at {} answered {} for notification {}", target, status, notificationId);
            if (status / 100 == 3) {
                throw new Retrying.Permanent("HTTP " + status + " from " + target + " (redirects are not followed)");
            }
            return "HTTP " + status + " from " + target;
        } catch (HttpTimeoutException e) {
            log.info("Webhook at {} timed out for notification {}", target, notificationId);
            return "timeout after " + timeout + " calling " + target;
        } catch (IOException e) {
            log.info("Webhook at {} failed for notification {}: {}", target, notificationId, e.toString());
            return e.getClass().getSimpleName() + " calling " + target;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted calling " + target;
        }
    }
}
