package dev.afterhours.ingest.slack.web;

import com.slack.api.app_backend.SlackSignature;
import dev.afterhours.ingest.IngestProperties;
import dev.afterhours.ingest.slack.InvalidSlackEventException;
import dev.afterhours.ingest.slack.SlackIntake;
import dev.afterhours.ingest.slack.SlackMetrics;
import dev.afterhours.ingest.slack.SlackMetrics.Outcome;
import dev.afterhours.security.slack.SlackSignatures;
import dev.afterhours.security.slack.SlackSignatures.Verdict;
import dev.afterhours.ingest.web.BoundedBody;
import dev.afterhours.security.web.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /api/v1/inbound/slack/events}, the Request URL of a Slack app's Event Subscriptions. No bearer token:
 * the path is in {@code afterhours.security.public-paths}, and Slack's signature is the authentication, checked on
 * the raw body before anything is parsed; unsigned, forged or stale (outside the five-minute window): 401 problem
 * detail, nothing written. Without a signing secret configured the endpoint answers 404 saying so.
 */
@RestController
public class SlackEventsController {

    public static final String EVENTS = "/api/v1/inbound/slack/events";
    public static final String RETRY_NUM = "X-Slack-Retry-Num";

    private final SlackSignatures signatures;
    private final SlackIntake intake;
    private final SlackMetrics metrics;
    private final IngestProperties properties;
    private final JsonMapper json = JsonMapper.builder().build();

    public SlackEventsController(SlackSignatures signatures, SlackIntake intake, SlackMetrics metrics,
            IngestProperties properties) {
        this.signatures = signatures;
        this.intake = intake;
        this.metrics = metrics;
        this.properties = properties;
    }

    @PostMapping(path = EVENTS, produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Slack's Events API (the app's Event Subscriptions Request URL)", description = "Signed by "
            + "Slack (X-Slack-Signature, X-Slack-Request-Timestamp; the app's signing secret, five-minute window). "
            + "url_verification: the challenge, echoed. A person's message in a channel: one MessageReceived, channel "
            + "CHAT, for the client whose slackChannels list the channel (else 'unresolved'), threaded by thread_ts; "
            + "the same message again (X-Slack-Retry-Num, a replay) publishes nothing. Bots' messages, edits, deletes "
            + "and other events: acknowledged, nothing published.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, description = "Slack's JSON payload, as "
            + "signed", content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(type = "object")))
    @ApiResponse(responseCode = "200", description = "Taken, a duplicate, or acknowledged and ignored: "
            + "{\"status\": ...}; for url_verification {\"challenge\": ...}")
    @ApiResponse(responseCode = "400", description = "Signed, but not a payload Slack sends; 'field' names what is wrong")
    @ApiResponse(responseCode = "401", description = "Not signed, the signature does not match the signing secret and "
            + "this body, or the timestamp is outside the five-minute window; nothing was written")
    @ApiResponse(responseCode = "404", description = "Slack is not configured on this service "
            + "(afterhours.ingest.slack.signing-secret)")
    @ApiResponse(responseCode = "503", description = "Nothing was written (Kafka, or still loading); Slack retries")
    public ResponseEntity<Map<String, Object>> events(HttpServletRequest request) throws IOException {
        boolean retry = request.getHeader(RETRY_NUM) != null;
        if (!signatures.configured()) {
            metrics.event(Outcome.UNAUTHORIZED, retry);
            throw new SlackNotConfiguredException();
        }
        String body = new String(BoundedBody.read(request, properties.maxBodySize()), StandardCharsets.UTF_8);
        Verdict verdict = signatures.verify(request.getHeader(SlackSignature.HeaderNames.X_SLACK_REQUEST_TIMESTAMP),
                body, request.getHeader(SlackSignature.HeaderNames.X_SLACK_SIGNATURE));
        if (verdict != Verdict.VALID) {
            metrics.event(Outcome.UNAUTHORIZED, retry);
            throw new NotSignedBySlackException(verdict);
        }
        JsonNode payload;
        try {
            payload = json.readTree(body);
        } catch (JacksonException e) {
            metrics.event(Outcome.INVALID, retry);
            throw new InvalidSlackEventException("body", "malformed JSON: " + e.getOriginalMessage());
        }
        SlackIntake.Answer answer = intake.accept(payload, retry);
        Map<String, Object> reply = new LinkedHashMap<>();
        if (answer.challenge() != null) {
            reply.put("challenge", answer.challenge());
            return ResponseEntity.ok(reply);
        }
        reply.put("status", answer.outcome().name().toLowerCase(java.util.Locale.ROOT));
        if (answer.result() != null) {
            reply.put("messageId", answer.result().messageId());
            reply.put("clientId", answer.result().clientId());
            reply.put("conversationId", answer.result().conversationId());
        }
        return ResponseEntity.ok(reply);
    }

    @ExceptionHandler(NotSignedBySlackException.class)
    ResponseEntity<ProblemDetail> notSigned(NotSignedBySlackException e) {
        ProblemDetail problem = Problems.of(HttpStatus.UNAUTHORIZED, SlackSignature.HeaderNames.X_SLACK_SIGNATURE,
                e.getMessage());
        problem.setTitle("Not signed by Slack");
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Slack-Signature").body(problem);
    }

    @ExceptionHandler(SlackNotConfiguredException.class)
    ResponseEntity<ProblemDetail> notConfigured(SlackNotConfiguredException e) {
        ProblemDetail problem = Problems.of(HttpStatus.NOT_FOUND, null, e.getMessage());
        problem.setTitle("Slack is not configured");
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
    }

    @ExceptionHandler(InvalidSlackEventException.class)
    ResponseEntity<ProblemDetail> invalid(InvalidSlackEventException e) {
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, e.field(), e.getMessage());
        problem.setTitle("Not a Slack event");
        return ResponseEntity.badRequest().body(problem);
    }

    /** Unsigned, forged or stale. */
    static final class NotSignedBySlackException extends RuntimeException {
        NotSignedBySlackException(Verdict verdict) {
            super(switch (verdict) {
                case UNSIGNED -> "X-Slack-Signature or X-Slack-Request-Timestamp is missing; nothing was written";
                case STALE -> "X-Slack-Request-Timestamp is not within " + SlackSignatures.REPLAY_WINDOW.toMinutes()
                        + " minutes of now (a replayed or delayed request); nothing was written";
                default -> "X-Slack-Signature does not match this body and timestamp under the app's signing secret; "
                        + "nothing was written";
            });
        }
    }

    /** No signing secret: the endpoint is off. */
    static final class SlackNotConfiguredException extends RuntimeException {
        SlackNotConfiguredException() {
            super("Slack events are not configured on this service: set afterhours.ingest.slack.signing-secret "
                    + "(env AFTERHOURS_INGEST_SLACK_SIGNING_SECRET) to the Slack app's signing secret");
        }
    }
}
