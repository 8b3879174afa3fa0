package dev.afterhours.notifier.delivery;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs a page as JSON to a person's webhook, signed with HMAC-SHA256 (see {@link WebhookSignature}) and carrying the
 * notification id as {@code Idempotency-Key}, so a receiver can drop the copy a retry or a redelivery sends.
 * Non-2xx answers and timeouts are retried with backoff. Without a secret nothing is sent: an unsigned page would
 * teach receivers to accept unsigned requests.
 */
public final class WebhookSender {

    private static final Logger log = LoggerFactory.getLogger(WebhookSender.class);

    private final HttpClient http;
    private final @Nullable String secret;
    private final Duration timeout;
    private final int attempts;
    private final Duration backoff;
    private final Clock clock;

    public WebhookSender(@Nullable String secret, Duration timeout, int attempts, Duration backoff, Clock clock) {
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.secret = secret;
        this.timeout = timeout;
        this.attempts = attempts;
        this.backoff = backoff;
        this.clock = clock;
        if (secret == null) {
            log.warn("afterhours.notifier.webhook-secret (env AFTERHOURS_WEBHOOK_SECRET) is not set: webhook pages are "
                    + "REFUSED and recorded as NotificationFailed; email pages still go out. Set a shared secret to enable webhooks.");
        }
    }

    public boolean enabled() {
        return secret != null;
    }

    public DeliveryResult send(URI url, String notificationId, String jsonBody) {
        String key = secret;
        if (key == null) {
            return new DeliveryResult.Failed("webhook delivery disabled: afterhours.notifier.webhook-secret is not set", 0);
        }
        return Retrying.run(attempts, backoff, () -> attempt(url, notificationId, jsonBody, key));
    }

    private @Nullable String attempt(URI url, String notificationId, String body, String key) {
        // Signed per attempt: the timestamp is part of the signature and receivers bound its age.
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
                .header(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(key, timestamp, body))
                .header(WebhookSignature.IDEMPOTENCY_KEY_HEADER, notificationId)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 == 2) {
                return null;
            }
            log.info("Webhook {} answered {} for notification {}", url, response.statusCode(), notificationId);
            return "HTTP " + response.statusCode() + " from " + url;
        } catch (HttpTimeoutException e) {
            log.info("Webhook {} timed out for notification {}", url, notificationId);
            return "timeout after " + timeout + " calling " + url;
        } catch (IOException e) {
            log.info("Webhook {} failed for notification {}: {}", url, notificationId, e.toString());
            return e.getClass().getSimpleName() + " calling " + url + (e.getMessage() == null ? "" : ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted calling " + url;
        }
    }
}
