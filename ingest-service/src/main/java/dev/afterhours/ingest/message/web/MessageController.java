package dev.afterhours.ingest.message.web;

import dev.afterhours.contracts.Direction;
import dev.afterhours.contracts.Topics;
import dev.afterhours.ingest.IngestProperties;
import dev.afterhours.ingest.message.ClientNotAllowedException;
import dev.afterhours.ingest.message.InboundMessage;
import dev.afterhours.ingest.message.IngestMetrics;
import dev.afterhours.ingest.message.IntakeResult;
import dev.afterhours.ingest.message.MessageIntake;
import dev.afterhours.ingest.web.BoundedBody;
import dev.afterhours.security.ApiKeyAuthentication;
import dev.afterhours.security.CurrentUser;
import dev.afterhours.security.Roles;
import dev.afterhours.security.web.BodyTooLargeException;
import dev.afterhours.security.web.Problems;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/messages}: 202 with the ids when accepted, 200 with the original ids for a provider retry,
 * 400 naming the field, 413 over the size limit, 429 for a routine message while the pipeline is too far behind,
 * 503 when nothing could be written; errors are RFC 9457 problem details with the offending field as {@code field}.
 */
@RestController
public class MessageController {

    private final MessageRequestParser parser = new MessageRequestParser();
    private final MessageIntake intake;
    private final IngestMetrics metrics;
    private final IngestProperties properties;

    public MessageController(MessageIntake intake, IngestMetrics metrics, IngestProperties properties) {
        this.intake = intake;
        this.metrics = metrics;
        this.properties = properties;
    }

    @PreAuthorize(Roles.MAY_POST_MESSAGES)
    @PostMapping(path = "/api/v1/messages", consumes = {MediaType.APPLICATION_JSON_VALUE, "application/*+json"},
            produces = MediaType.APPLICATION_JSON_VALUE)
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, description = "The message: channel, "
            + "direction, providerMessageId, from, to, body, ... (see the README)",
            content = @Content(schema = @Schema(type = "object")))
    @ApiResponse(responseCode = "202", description = "Accepted: messageId, clientId, conversationId")
    @ApiResponse(responseCode = "200", description = "A provider's retry of a message already accepted: the original ids")
    @ApiResponse(responseCode = "400", description = "Not a valid message; 'field' names what is wrong")
    @ApiResponse(responseCode = "403", description = "Not allowed: an INBOUND message needs staff or scope "
            + Roles.SCOPE_MESSAGES + ", an OUTBOUND reply staff or scope " + Roles.SCOPE_REPLIES
            + "; a key limited to some clients posts only for them ('field': from)")
    @ApiResponse(responseCode = "429", description = "Not accepted, nothing was written: too many requests from this "
            + "caller, or (title 'Pipeline behind', with 'backlog' and 'maxBacklog') the pipeline is further behind than "
            + "afterhours.ingest.backpressure.max-backlog and the message is routine; retry after Retry-After. Messages "
            + "on a client's emergency line or with the header 'Priority: urgent' (in 'headers') are always accepted")
    @ApiResponse(responseCode = "503", description = "Nothing was written (Kafka, or still loading); retry after "
            + "Retry-After")
    public ResponseEntity<Map<String, Object>> post(HttpServletRequest request, Authentication caller)
            throws IOException {
        // Read by hand rather than with @RequestBody: the limit must hold while reading, also for chunked bodies.
        byte[] content = BoundedBody.read(request, properties.maxBodySize());
        InboundMessage message = parser.parse(content);
        requireMayPost(caller, message.direction());
        IntakeResult result = intake.ingest(message, clientId -> mayPostFor(caller, clientId));
        return answer(result);
    }

    /** 202 with the ids of a message accepted now, 200 with the original ids of a retry. */
    public static ResponseEntity<Map<String, Object>> answer(IntakeResult result) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("messageId", result.messageId());
        body.put("clientId", result.clientId());
        body.put("conversationId", result.conversationId());
        body.put("status", result.status().name().toLowerCase(Locale.ROOT));
        HttpStatus status = result.status() == IntakeResult.Status.ACCEPTED ? HttpStatus.ACCEPTED : HttpStatus.OK;
        return ResponseEntity.status(status).body(body);
    }

    /**
     * An OUTBOUND staff reply stops a client's SLA clock: only staff, or an integration whose key may post replies,
     * may send one. An inbound message needs staff or a key that may post messages.
     */
    public static void requireMayPost(Authentication caller, Direction direction) {
        if (CurrentUser.hasRole(caller, Roles.STAFF)) {
            return;
        }
        String scope = direction == Direction.OUTBOUND ? Roles.SCOPE_REPLIES : Roles.SCOPE_MESSAGES;
        if (!CurrentUser.hasScope(caller, scope)) {
            throw new AccessDeniedException("an " + direction + " message needs staff or an API key with scope '"
                    + scope + "'");
        }
    }

    /** A key limited to some clients posts only for them; a sender no client matches is still kept for triage. */
    public static boolean mayPostFor(Authentication caller, String clientId) {
        return !(caller instanceof ApiKeyAuthentication key) || key.clientIds().isEmpty()
                || key.clientIds().contains(clientId) || Topics.UNRESOLVED_CLIENT.equals(clientId);
    }

    @ExceptionHandler(ClientNotAllowedException.class)
    ResponseEntity<ProblemDetail> clientNotAllowed(ClientNotAllowedException e) {
        return ResponseEntity.status(HttpStatus.FORBIDDEN).body(Problems.of(HttpStatus.FORBIDDEN, "from", e.getMessage()));
    }

    @ExceptionHandler(InvalidMessageException.class)
    ResponseEntity<ProblemDetail> invalid(InvalidMessageException e) {
        metrics.message(e.channel(), e.direction(), IngestMetrics.Outcome.REJECTED, false);
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, e.field() == null ? "body" : e.field(), e.getMessage());
        problem.setTitle("Invalid message");
        return ResponseEntity.badRequest().body(problem);
    }

    @ExceptionHandler(BodyTooLargeException.class)
    ResponseEntity<ProblemDetail> tooLarge(BodyTooLargeException e) {
        metrics.message(null, null, IngestMetrics.Outcome.REJECTED, false);
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(Problems.tooLarge(e));
    }
}
