package dev.afterhours.ingest.email.web;

import dev.afterhours.contracts.Direction;
import dev.afterhours.ingest.email.EmailIntake;
import dev.afterhours.ingest.email.EmailProperties;
import dev.afterhours.ingest.email.UnreadableEmailException;
import dev.afterhours.ingest.message.ClientNotAllowedException;
import dev.afterhours.ingest.message.IntakeResult;
import dev.afterhours.ingest.message.web.MessageController;
import dev.afterhours.ingest.web.BoundedBody;
import dev.afterhours.security.Roles;
import dev.afterhours.security.web.Problems;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/inbound/email}: an inbound-parse webhook for mail services that forward the raw message
 * ({@code Content-Type: message/rfc822}). Answers as {@code POST /api/v1/messages} does: 202 with the ids, 200 for a
 * re-delivery of a Message-ID already taken, 400 naming the header at fault, 503 when nothing could be written.
 */
@RestController
public class InboundEmailController {

    public static final String RFC822 = "message/rfc822";

    private final EmailIntake intake;
    private final EmailProperties properties;

    public InboundEmailController(EmailIntake intake, EmailProperties properties) {
        this.intake = intake;
        this.properties = properties;
    }

    @PreAuthorize(Roles.MAY_POST_MESSAGES)
    @PostMapping(path = "/api/v1/inbound/email", consumes = RFC822, produces = MediaType.APPLICATION_JSON_VALUE)
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, description = "The raw RFC 5322 message, "
            + "headers and body, as the mail service received it", content = @Content(mediaType = RFC822,
            schema = @Schema(type = "string", format = "binary")))
    @ApiResponse(responseCode = "202", description = "Accepted: messageId, clientId, conversationId")
    @ApiResponse(responseCode = "200", description = "A re-delivery of a Message-ID already accepted: the original ids")
    @ApiResponse(responseCode = "400", description = "Not an email that can be taken (empty, no headers, no From); "
            + "'field' names the header, or 'body'")
    @ApiResponse(responseCode = "403", description = "Not allowed: needs staff or an API key with scope "
            + Roles.SCOPE_MESSAGES + "; a key limited to some clients posts only for them ('field': From)")
    @ApiResponse(responseCode = "429", description = "Not accepted, nothing was written: too many requests from this "
            + "caller, or (title 'Pipeline behind', with 'backlog' and 'maxBacklog') the pipeline is further behind than "
            + "afterhours.ingest.backpressure.max-backlog and the message is routine; retry after Retry-After. Messages "
            + "on a client's emergency line are always accepted")
    @ApiResponse(responseCode = "503", description = "Nothing was written (Kafka, or still loading); retry after "
            + "Retry-After")
    public ResponseEntity<Map<String, Object>> post(HttpServletRequest request, Authentication caller)
            throws IOException {
        MessageController.requireMayPost(caller, Direction.INBOUND);
        byte[] raw = BoundedBody.read(request, properties.maxMessageSize());
        IntakeResult result = intake.accept(raw, null, List.of(),
                clientId -> MessageController.mayPostFor(caller, clientId));
        return MessageController.answer(result);
    }

    @ExceptionHandler(UnreadableEmailException.class)
    ResponseEntity<ProblemDetail> unreadable(UnreadableEmailException e) {
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, e.field(), e.getMessage());
        problem.setTitle("Unreadable email");
        return ResponseEntity.badRequest().body(problem);
    }

    @ExceptionHandler(ClientNotAllowedException.class)
    ResponseEntity<ProblemDetail> clientNotAllowed(ClientNotAllowedException e) {
        return ResponseEntity.status(HttpStatus.FORBIDDEN).body(Problems.of(HttpStatus.FORBIDDEN, "From", e.getMessage()));
    }
}
