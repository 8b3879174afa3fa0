package dev.afterhours.ingest.reply.web;

import dev.afterhours.ingest.IngestProperties;
import dev.afterhours.ingest.message.ClientNotAllowedException;
import dev.afterhours.ingest.message.web.MessageController;
import dev.afterhours.ingest.reply.ReplyProperties;
import dev.afterhours.ingest.reply.StaffReplies;
import dev.afterhours.ingest.reply.StaffReplies.InvalidReplyException;
import dev.afterhours.ingest.reply.StaffReplies.UnknownConversationException;
import dev.afterhours.ingest.web.BoundedBody;
import dev.afterhours.ingest.web.JsonRequests;
import dev.afterhours.security.CurrentUser;
import dev.afterhours.security.Roles;
import dev.afterhours.security.web.Problems;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /api/v1/conversations/{conversationId}/replies} {@code {"text", "subject"?}}: a staff member's reply,
 * sent by the notifier to the client on the channel and address of the conversation's latest inbound message. 202
 * with the reply's id and its status address once the request is durably written; the reply is recorded OUTBOUND in
 * the conversation (stopping the SLA clock) only once it was really sent.
 */
@RestController
public class ReplyController {

    private static final String EXPECTED = "{\"text\": \"...\", \"subject\"?: \"...\"}";

    private final StaffReplies replies;
    private final IngestProperties properties;
    private final ReplyProperties replyProperties;

    public ReplyController(StaffReplies replies, IngestProperties properties, ReplyProperties replyProperties) {
        this.replies = replies;
        this.properties = properties;
        this.replyProperties = replyProperties;
    }

    @PreAuthorize(Roles.MAY_POST_REPLIES)
    @PostMapping(path = "/api/v1/conversations/{conversationId}/replies",
            consumes = {MediaType.APPLICATION_JSON_VALUE, "application/*+json"}, produces = MediaType.APPLICATION_JSON_VALUE)
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, description = "The reply: " + EXPECTED
            + "; the subject is used when the client is answered by mail (default: Re: the client's subject). Header "
            + "Idempotency-Key (optional): the same key from the same caller is the same reply, never sent twice",
            content = @Content(schema = @Schema(type = "object")))
    @ApiResponse(responseCode = "202", description = "Written for the notifier to send: replyId, conversationId, "
            + "clientId, channel, to, status 'requested', statusUrl (also in Location)")
    @ApiResponse(responseCode = "400", description = "No text, an empty or too long one, a subject of more than one "
            + "line, an unknown field; 'field' names it")
    @ApiResponse(responseCode = "403", description = "Not staff and no API key with scope " + Roles.SCOPE_REPLIES
            + ", or a key limited to other clients")
    @ApiResponse(responseCode = "404", description = "No message from a client in this conversation within the "
            + "conversation window: nobody to reply to")
    @ApiResponse(responseCode = "409", description = "The client wrote through an integration (channel API), which "
            + "takes no reply from here")
    @ApiResponse(responseCode = "503", description = "Nothing was written (Kafka, or still loading); retry after "
            + "Retry-After")
    public ResponseEntity<Map<String, Object>> reply(@PathVariable String conversationId, HttpServletRequest request,
            Authentication caller, @RequestHeader(name = "Idempotency-Key", required = false) @Nullable String idempotencyKey)
            throws IOException {
        // Read by hand, as messages are: the size limit holds while reading, also for chunked bodies.
        String content = new String(BoundedBody.read(request, properties.maxBodySize()), StandardCharsets.UTF_8);
        JsonNode body = JsonRequests.object(content, Integer.MAX_VALUE, EXPECTED, List.of("text", "subject"));
        String text = string(body, "text");
        if (text == null) {
            throw new JsonRequests.BadRequest("text", "required: what to say to the client");
        }
        StaffReplies.Requested requested = replies.reply(conversationId, text, string(body, "subject"),
                CurrentUser.id(caller), idempotencyKey, clientId -> MessageController.mayPostFor(caller, clientId));
        String statusUrl = replyProperties.statusUrl(requested.replyId());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("replyId", requested.replyId());
        answer.put("conversationId", requested.conversationId());
        answer.put("clientId", requested.clientId());
        answer.put("channel", requested.channel().name());
        answer.put("to", requested.to());
        answer.put("status", "requested");
        answer.put("statusUrl", statusUrl);
        return ResponseEntity.accepted().location(URI.create(statusUrl)).body(answer);
    }

    /** A string field, null when absent or JSON null; anything else is a 400 naming it. */
    private static @Nullable String string(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw new JsonRequests.BadRequest(field, "must be a string");
        }
        return value.asString();
    }

    @ExceptionHandler(JsonRequests.BadRequest.class)
    ResponseEntity<ProblemDetail> badRequest(JsonRequests.BadRequest e) {
        return ResponseEntity.badRequest().body(Problems.of(HttpStatus.BAD_REQUEST, e.field(), e.getMessage()));
    }

    @ExceptionHandler(InvalidReplyException.class)
    ResponseEntity<ProblemDetail> invalid(InvalidReplyException e) {
        HttpStatus status = e.conflict() ? HttpStatus.CONFLICT : HttpStatus.BAD_REQUEST;
        return ResponseEntity.status(status).body(Problems.of(status, e.field(), e.field() + ": " + e.getMessage()));
    }

    @ExceptionHandler(UnknownConversationException.class)
    ResponseEntity<ProblemDetail> unknown(UnknownConversationException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND)
                .body(Problems.of(HttpStatus.NOT_FOUND, "conversationId", e.getMessage()));
    }

    @ExceptionHandler(ClientNotAllowedException.class)
    ResponseEntity<ProblemDetail> clientNotAllowed(ClientNotAllowedException e) {
        return ResponseEntity.status(HttpStatus.FORBIDDEN).body(Problems.of(HttpStatus.FORBIDDEN, "conversationId",
                "this API key may not reply for client '" + e.clientId() + "'"));
    }
}
