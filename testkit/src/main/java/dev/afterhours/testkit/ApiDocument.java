package dev.afterhours.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A service's OpenAPI description as its {@code /v3/api-docs} serves it over HTTP, fetched without a sign-in (the
 * document is public), with the questions the tests ask of it: is this operation there, and which errors does it
 * declare as RFC 9457 problem details.
 */
public final class ApiDocument {

    public static final String PATH = "/v3/api-docs";
    private static final String PROBLEM_REF = "#/components/schemas/Problem";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JsonNode json;

    private ApiDocument(JsonNode json) {
        this.json = json;
    }

    /** The document of the service on {@code http://127.0.0.1:<port>}, anonymously; fails unless it answers 200. */
    public static ApiDocument fetch(int port) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + PATH))
                .timeout(Duration.ofSeconds(60)).header("Accept", "application/json").GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError("GET " + PATH + " answered " + response.statusCode() + ": " + response.body());
            }
            return new ApiDocument(JSON.readTree(response.body()));
        } catch (IOException e) {
            throw new IllegalStateException("GET " + PATH + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public JsonNode json() {
        return json;
    }

    /** The operation, e.g. {@code ("post", "/api/v1/messages")}; fails naming the paths there are if it is absent. */
    public JsonNode operation(String method, String path) {
        JsonNode operation = json.path("paths").path(path).path(method.toLowerCase(Locale.ROOT));
        if (!operation.isObject()) {
            throw new AssertionError("no " + method + " " + path + " in " + PATH + "; its paths: "
                    + json.path("paths").propertyNames());
        }
        return operation;
    }

    /** Every status code the operation declares. */
    public Set<Integer> statuses(String method, String path) {
        Set<Integer> statuses = new TreeSet<>();
        for (String code : operation(method, path).path("responses").propertyNames()) {
            if (code.matches("\\d{3}")) {
                statuses.add(Integer.valueOf(code));
            }
        }
        return statuses;
    }

    /** The status codes the operation declares as {@code application/problem+json} of the shared Problem schema. */
    public Set<Integer> problems(String method, String path) {
        Set<Integer> problems = new TreeSet<>();
        JsonNode responses = operation(method, path).path("responses");
        for (String code : responses.propertyNames()) {
            JsonNode schema = responses.path(code).path("content").path("application/problem+json").path("schema");
            if (code.matches("\\d{3}") && PROBLEM_REF.equals(schema.path("$ref").asString(""))) {
                problems.add(Integer.valueOf(code));
            }
        }
        return problems;
    }

    /** What the document says about one response, e.g. its {@code description}. */
    public JsonNode response(String method, String path, int status) {
        return operation(method, path).path("responses").path(String.valueOf(status));
    }
}
