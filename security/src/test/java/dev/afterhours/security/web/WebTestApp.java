package dev.afterhours.security.web;

import dev.afterhours.security.Roles;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** A service with nothing but the shared module and a few endpoints of the usual kinds. */
@SpringBootApplication
class WebTestApp {

    @RestController
    static class Endpoints {
        @PostMapping(path = "/api/v1/echo", consumes = MediaType.APPLICATION_JSON_VALUE)
        @PreAuthorize(Roles.IS_VIEWER)
        Map<String, Object> echo(@RequestBody Map<String, Object> body) {
            return body;
        }

        @PostMapping(path = "/api/v1/text", consumes = MediaType.APPLICATION_JSON_VALUE)
        @PreAuthorize(Roles.IS_VIEWER)
        String text(@RequestBody(required = false) @Nullable String body) {
            return body == null ? "" : String.valueOf(body.length());
        }

        @GetMapping("/api/v1/page")
        @PreAuthorize(Roles.IS_VIEWER)
        String page(@RequestParam int limit) {
            return "limit " + limit;
        }

        @GetMapping("/api/v1/boom")
        @PreAuthorize(Roles.IS_VIEWER)
        String boom() {
            throw new IllegalStateException("secret internals: password=hunter2");
        }

        @GetMapping("/api/v1/not-ready")
        @PreAuthorize(Roles.IS_VIEWER)
        String notReady() {
            throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "the state is still being restored");
        }

        @GetMapping("/api/v1/admin-only")
        @PreAuthorize(Roles.IS_ADMIN)
        String adminOnly() {
            return "ok";
        }
    }

    /** Plain HTTP/1.1 (so a body without a length goes out chunked). */
    static final class Client {
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        private final int port;

        Client(int port) {
            this.port = port;
        }

        HttpResponse<String> send(String method, String path, @Nullable String token, @Nullable String contentType,
                HttpRequest.BodyPublisher body) throws IOException, InterruptedException {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(30)).method(method, body);
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            if (contentType != null) {
                request.header("Content-Type", contentType);
            }
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }

        static HttpRequest.BodyPublisher chunked(byte[] bytes) {
            return HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes));
        }
    }
}
