package dev.afterhours.notifier.reply.web;

import dev.afterhours.contracts.ReplyRecorded;
import dev.afterhours.notifier.reply.ReplyLedger;
import dev.afterhours.notifier.web.RequestProblems.NotFound;
import dev.afterhours.security.Roles;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/replies/{replyId}}: what became of a staff reply ingest accepted (its 202 names this address):
 * ATTEMPTED (being sent, or sent without its outcome recorded: never sent again), SENT (and recorded OUTBOUND in the
 * conversation), FAILED (with the provider's error; the SLA keeps running), UNSUPPORTED_CHANNEL. 404 until the
 * notifier has read the request.
 */
@RestController
public class ReplyStatusController {

    private final ReplyLedger ledger;

    public ReplyStatusController(ReplyLedger ledger) {
        this.ledger = ledger;
    }

    @PreAuthorize(Roles.IS_STAFF)
    @GetMapping("/api/v1/replies/{replyId}")
    @ApiResponse(responseCode = "200", description = "The reply's latest outcome: status ATTEMPTED, SENT, FAILED "
            + "(with error) or UNSUPPORTED_CHANNEL, with its channel, recipient and the OUTBOUND messageId once sent")
    @ApiResponse(responseCode = "404", description = "No outcome recorded for this reply: unknown, or not read yet "
            + "(ingest accepted it moments ago); ask again")
    public Map<String, Object> status(@PathVariable String replyId) {
        ReplyRecorded recorded = ledger.latest(replyId);
        if (recorded == null) {
            throw new NotFound("no outcome recorded for reply '" + replyId + "': unknown, or not read yet; ask again "
                    + "in a moment");
        }
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("replyId", recorded.getReplyId());
        view.put("clientId", recorded.getClientId());
        view.put("conversationId", recorded.getConversationId());
        view.put("channel", recorded.getChannel().name());
        view.put("to", recorded.getTo());
        view.put("status", recorded.getOutcome().name());
        view.put("error", recorded.getError());
        view.put("messageId", recorded.getMessageId());
        view.put("at", recorded.getOccurredAt().toString());
        return view;
    }
}
