package dev.afterhours.notifier;

import dev.afterhours.testkit.AfterhoursTestEnvironment;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.jspecify.annotations.Nullable;

/** Calls the notifier under test on its port, as a signed-in person (a TestIssuer token) or without a token. */
final class TestApi {

    private final int port;
    private final HttpClient http = HttpClient.newHttpClient();

    TestApi(int port) {
        this.port = port;
    }

    static String staff(String user) {
        return AfterhoursTestEnvironment.issuer().bearer(user, "staff");
    }

    static String viewer() {
        return AfterhoursTestEnvironment.issuer().bearer("victor", "viewer");
    }

    /** A GET without a token, asking for {@code accept}. */
    HttpResponse<String> get(String path, String accept) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Accept", accept)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A JSON body (Content-Type application/json) when {@code body} is not null. */
    HttpResponse<String> call(String method, String path, @Nullable String authorization, @Nullable String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
