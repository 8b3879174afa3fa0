package dev.afterhours.notifier.delivery;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One call to a provider's API (Twilio, Slack), classified for {@link Retrying}: what a retry may cure, and what it
 * could turn into a second page. A provider's base URL is operator configuration, not directory data, so it is not
 * judged by the outbound URL policy; redirects are never followed.
 */
final class ProviderCalls {

    /** What came back: an answer with its status and body. Failures without one are thrown (see {@link #call}). */
    record Answer(int status, String body) {
        boolean ok() {
            return status / 100 == 2;
        }

        /** Worth another attempt: the provider said so (429) or broke (5xx) before it took the request. */
        boolean retryable() {
            return status == 429 || status / 100 == 5;
        }
    }

    /** A failure another attempt may cure; its message is the error recorded if none does. */
    static final class Retry extends Exception {
        private static final long serialVersionUID = 1L;

        Retry(String message) {
            super(message, null, false, false);
        }
    }

    private ProviderCalls() {
    }

    static HttpClient client(Duration timeout) {
        return HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * Sends one request. A connection that could not be made is retried: nothing reached the provider. A request that
     * reached it and got no answer in time (or lost its connection) is not: the page may have gone out, and a
     * second attempt could page twice. That is a {@link Retrying.Permanent} failure saying so.
     */
    static Answer call(HttpClient http, HttpRequest request, String provider) throws Retry {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(response.statusCode(), response.body());
        } catch (HttpConnectTimeoutException | ConnectException e) {
            throw new Retry("cannot connect to " + provider + " (" + e.getClass().getSimpleName() + ")");
        } catch (HttpTimeoutException e) {
            throw new Retrying.Permanent(provider + " did not answer in time; not retried, since the page may have gone "
                    + "out and a retry could send it twice");
        } catch (IOException e) {
            throw new Retrying.Permanent(e.getClass().getSimpleName() + " calling " + provider + "; not retried, since "
                    + "the page may have gone out");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Retrying.Permanent("interrupted calling " + provider);
        }
    }

    static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    static String withoutTrailingSlash(URI base) {
        String text = base.toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }

    static void checkBaseUrl(String property, URI url) {
        if (url.getHost() == null || url.getRawQuery() != null
                || !("https".equals(url.getScheme()) || "http".equals(url.getScheme()))) {
            throw new IllegalArgumentException(property + ": '" + url + "' must be an http(s) URL with a host and no query");
        }
    }
}
