package dev.afterhours.benchmarks.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Posts through ingest's public API ({@code POST /api/v1/messages}), as an integration would, with API keys
 * (several spread the per-caller rate limit) or a bearer token. Asynchronous, so a slow answer never delays the
 * next arrival.
 */
final class HttpSubmitter implements Submitter {

    private final HttpClient client = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newVirtualThreadPerTaskExecutor())
            .build();
    private final URI messages;
    private final List<String> credentials;
    private final AtomicLong sent = new AtomicLong();

    /** @param credentials {@code X-Api-Key} values ({@code ahk_...}) or bearer tokens, used in turn */
    HttpSubmitter(URI ingest, List<String> credentials) {
        if (credentials.isEmpty()) {
            throw new IllegalArgumentException("HTTP mode needs --api-key (repeatable) or --token");
        }
        this.messages = ingest.resolve("/api/v1/messages");
        this.credentials = List.copyOf(credentials);
    }

    @Override
    public CompletableFuture<Outcome> submit(String providerMessageId, LoadMix.Sample sample) {
        String credential = credentials.get((int) (sent.getAndIncrement() % credentials.size()));
        HttpRequest.Builder request = HttpRequest.newBuilder(messages)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json(providerMessageId, sample)));
        if (credential.startsWith("ahk_")) {
            request.header("X-Api-Key", credential);
        } else {
            request.header("Authorization", "Bearer " + credential);
        }
        return client.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding())
                .handle((response, failure) -> {
                    if (failure != null) {
                        return Outcome.FAILED;
                    }
                    int status = response.statusCode();
                    return status == 202 || status == 200 ? Outcome.ACCEPTED
                            : status == 429 || status == 503 ? Outcome.THROTTLED : Outcome.FAILED;
                });
    }

    static String json(String providerMessageId, LoadMix.Sample sample) {
        StringBuilder to = new StringBuilder("[");
        for (String address : sample.to()) {
            to.append(to.length() > 1 ? "," : "").append(quote(address));
        }
        to.append(']');
        return "{\"channel\":" + quote(sample.channel())
                + ",\"provider\":\"load\",\"providerMessageId\":" + quote(providerMessageId)
                + ",\"from\":" + quote(sample.from()) + ",\"to\":" + to
                + (sample.subject() == null ? "" : ",\"subject\":" + quote(sample.subject()))
                + ",\"body\":" + quote(sample.body()) + "}";
    }

    private static String quote(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                default -> quoted.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return quoted.append('"').toString();
    }

    @Override
    public void close() {
        client.close();
    }
}
