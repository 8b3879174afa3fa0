package dev.afterhours.ingest.apikey.web;

import dev.afterhours.contracts.ApiKey;
import dev.afterhours.contracts.ApiKeyScope;
import dev.afterhours.directory.DirectoryPublisher;
import dev.afterhours.directory.DirectoryView;
import dev.afterhours.directory.InvalidDirectoryRecordException;
import dev.afterhours.ingest.IngestProperties;
import dev.afterhours.ingest.apikey.DirectoryApiKeys;
import dev.afterhours.ingest.web.JsonRequests;
import dev.afterhours.ingest.web.ServiceUnavailableException;
import dev.afterhours.security.ApiKeys;
import dev.afterhours.security.CurrentUser;
import dev.afterhours.security.Roles;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Integrations' API keys, for admins. {@code POST} creates a key and shows it once; {@code GET} lists keys without
 * secrets; {@code POST /{keyId}/rotate} replaces the secret (the old one stops working) and shows the new one once;
 * {@code DELETE /{keyId}} revokes. Keys live hashed in the directory's compacted api-keys topic.
 */
@RestController
@RequestMapping("/api/v1/admin/api-keys")
@PreAuthorize(Roles.IS_ADMIN)
public class ApiKeyAdminController {

    static final int MAX_BODY = 16 * 1024;
    private static final Logger log = LoggerFactory.getLogger(ApiKeyAdminController.class);
    private static final String KAFKA_DOWN = "Kafka did not take the write: nothing changed, retry";

    private final DirectoryView view;
    private final DirectoryPublisher publisher;
    private final Clock clock;
    private final Duration syncTimeout;

    public ApiKeyAdminController(DirectoryView view, DirectoryPublisher publisher, Clock clock,
            IngestProperties properties) {
        this.view = view;
        this.publisher = publisher;
        this.clock = clock;
        this.syncTimeout = properties.directorySyncTimeout();
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    @ApiResponse(responseCode = "201", description = "Created: the key, shown this once, and its id, scopes and clients")
    @ApiResponse(responseCode = "503", description = KAFKA_DOWN)
    @ApiResponse(responseCode = "400", description = "Not a valid request ({\"name\", \"scopes\", \"clientIds\"}); "
            + "'field' names what is wrong")
    public ResponseEntity<?> create(@RequestBody(required = false) @Nullable String body, Authentication admin)
            throws InterruptedException {
        JsonNode request = object(body);
        String name = text(request, "name");
        List<ApiKeyScope> scopes = scopes(request);
        List<String> clientIds = strings(request, "clientIds");
        ApiKeys.Issued issued = ApiKeys.issue();
        ApiKey key = ApiKey.newBuilder()
                .setKeyId(issued.keyId())
                .setName(name)
                .setSecretSha256(issued.secretSha256())
                .setScopes(scopes)
                .setClientIds(clientIds)
                .setCreatedBy(CurrentUser.id(admin))
                .setCreatedAt(now())
                .build();
        publishAndAwait(key);
        Map<String, Object> shown = view(key);
        shown.put("key", issued.key());
        shown.put("note", "Store the key now: Afterhours keeps only its hash and cannot show it again.");
        return ResponseEntity.status(HttpStatus.CREATED).body(shown);
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    public List<Map<String, Object>> list() {
        return view.apiKeys().stream().sorted(Comparator.comparing(ApiKey::getCreatedAt))
                .map(ApiKeyAdminController::view).toList();
    }

    @PostMapping(path = "/{keyId}/rotate", produces = MediaType.APPLICATION_JSON_VALUE)
    @ApiResponse(responseCode = "200", description = "The new secret, shown this once; the old one no longer works")
    @ApiResponse(responseCode = "503", description = KAFKA_DOWN)
    @ApiResponse(responseCode = "404", description = "No active key with this id")
    public ResponseEntity<?> rotate(@PathVariable String keyId) throws InterruptedException {
        Optional<ApiKey> existing = view.apiKey(keyId).filter(k -> k.getRevokedAt() == null);
        if (existing.isEmpty()) {
            return problem(HttpStatus.NOT_FOUND, "keyId", "no active API key '" + keyId + "'");
        }
        ApiKeys.Issued issued = ApiKeys.issue(keyId);
        ApiKey rotated = ApiKey.newBuilder(existing.get()).setSecretSha256(issued.secretSha256()).setRotatedAt(now())
                .build();
        publishAndAwait(rotated);
        Map<String, Object> shown = view(rotated);
        shown.put("key", issued.key());
        shown.put("note", "The previous secret no longer works. Store this one now: it is not shown again.");
        return ResponseEntity.ok(shown);
    }

    @DeleteMapping("/{keyId}")
    @ApiResponse(responseCode = "204", description = "Revoked (or already revoked)")
    @ApiResponse(responseCode = "503", description = KAFKA_DOWN)
    @ApiResponse(responseCode = "404", description = "No key with this id")
    public ResponseEntity<?> revoke(@PathVariable String keyId) throws InterruptedException {
        Optional<ApiKey> existing = view.apiKey(keyId);
        if (existing.isEmpty()) {
            return problem(HttpStatus.NOT_FOUND, "keyId", "no API key '" + keyId + "'");
        }
        if (existing.get().getRevokedAt() == null) {
            publishAndAwait(ApiKey.newBuilder(existing.get()).setRevokedAt(now()).build());
        }
        return ResponseEntity.noContent().build();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /**
     * Answers once this instance's view holds the change, so the caller's next request sees it; waits as long as
     * the directory admin API does ({@code afterhours.ingest.directory-sync-timeout}).
     */
    private void publishAndAwait(ApiKey key) throws InterruptedException {
        DirectoryPublisher.Written written;
        try {
            written = publisher.publish(key);
        } catch (IllegalStateException e) {
            // As the directory admin API does: Kafka did not take the write, nothing changed, retry (503).
            throw new ServiceUnavailableException("could not write the API key to Kafka: " + e.getMessage(), e);
        }
        if (!view.awaitApplied(written, syncTimeout)) {
            log.warn("API key {} is written but not yet visible in this instance's view after {}", key.getKeyId(),
                    syncTimeout);
        }
    }

    private static Map<String, Object> view(ApiKey key) {
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("keyId", key.getKeyId());
        shown.put("name", key.getName());
        shown.put("scopes", key.getScopes().stream().map(DirectoryApiKeys::scopeName).toList());
        shown.put("clientIds", List.copyOf(key.getClientIds()));
        shown.put("createdBy", key.getCreatedBy());
        shown.put("createdAt", key.getCreatedAt().toString());
        shown.put("rotatedAt", key.getRotatedAt() == null ? null : key.getRotatedAt().toString());
        shown.put("revokedAt", key.getRevokedAt() == null ? null : key.getRevokedAt().toString());
        return shown;
    }

    // --- request parsing: every problem is a 400 naming its field -------------------------------------------

    private static JsonNode object(@Nullable String body) {
        return JsonRequests.object(body, MAX_BODY,
                "{\"name\": ..., \"scopes\": [\"messages:write\"], \"clientIds\": [...]}",
                List.of("name", "scopes", "clientIds"));
    }

    private static String text(JsonNode request, String field) {
        JsonNode value = request.get(field);
        if (value == null || !value.isString() || value.stringValue().isBlank()) {
            throw new JsonRequests.BadRequest(field, "required text");
        }
        return value.stringValue().strip();
    }

    private static List<String> strings(JsonNode request, String field) {
        JsonNode value = request.get(field);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw new JsonRequests.BadRequest(field, "expected an array of strings");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            if (!value.get(i).isString()) {
                throw new JsonRequests.BadRequest(field + "[" + i + "]", "expected a string");
            }
            out.add(value.get(i).stringValue().strip());
        }
        return out;
    }

    private static List<ApiKeyScope> scopes(JsonNode request) {
        List<String> names = strings(request, "scopes");
        if (names.isEmpty()) {
            throw new JsonRequests.BadRequest("scopes", "at least one of " + known());
        }
        List<ApiKeyScope> scopes = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            scopes.add(DirectoryApiKeys.scope(name).orElseThrow(() -> new JsonRequests.BadRequest("scopes", "'" + name
                    + "' is not one of " + known())));
        }
        return scopes.stream().distinct().toList();
    }

    private static List<String> known() {
        return Arrays.stream(ApiKeyScope.values()).map(DirectoryApiKeys::scopeName).toList();
    }

    @ExceptionHandler(JsonRequests.BadRequest.class)
    ResponseEntity<ProblemDetail> badRequest(JsonRequests.BadRequest e) {
        return problem(HttpStatus.BAD_REQUEST, e.field(), e.getMessage());
    }

    @ExceptionHandler(InvalidDirectoryRecordException.class)
    ResponseEntity<ProblemDetail> invalid(InvalidDirectoryRecordException e) {
        ResponseEntity<ProblemDetail> response = problem(HttpStatus.BAD_REQUEST, null, e.getMessage());
        response.getBody().setProperty("problems", e.problems());
        return response;
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, @Nullable String field, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        if (field != null) {
            problem.setProperty("field", field);
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
