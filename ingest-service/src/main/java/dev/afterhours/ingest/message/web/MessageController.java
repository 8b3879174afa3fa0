package dev.afterhours.ingest.message.web;

import dev.afterhours.ingest.IngestProperties;
import dev.afterhours.ingest.message.InboundMessage;
import dev.afterhours.ingest.message.IngestMetrics;
import dev.afterhours.ingest.message.IntakeResult;
import dev.afterhours.ingest.message.MessageIntake;
import dev.afterhours.ingest.web.BoundedBody;
import dev.afterhours.security.Roles;
import dev.afterhours.security.web.BodyTooLargeException;
import dev.afterhours.security.web.Problems;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/messages}: 202 with the ids when accepted, 200 with the original ids for a provider retry,
 * 400 naming the field, 413 over the size limit, 503 when nothing could be written; errors are RFC 9457 problem
 * details with the offending field as {@code field}.
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

    @PreAuthorize(Roles.IS_STAFF)
    @PostMapping(path = "/api/v1/messages", consumes = {MediaType.APPLICATION_JSON_VALUE, "application/*+json"},
            produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Map<String, Object>> post(HttpServletRequest request) throws IOException {
        // Read by hand rather than with @RequestBody: the limit must hold while reading, also for chunked bodies.
        byte[] content = BoundedBody.read(request, properties.maxBodySize());
        InboundMessage message = parser.parse(content);
        IntakeResult result = intake.ingest(message);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("messageId", result.messageId());
        body.put("clientId", result.clientId());
        body.put("conversationId", result.conversationId());
        body.put("status", result.status().name().toLowerCase(Locale.ROOT));
        HttpStatus status = result.status() == IntakeResult.Status.ACCEPTED ? HttpStatus.ACCEPTED : HttpStatus.OK;
        return ResponseEntity.status(status).body(body);
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
