package dev.afterhours.notifier.web;

import dev.afterhours.notifier.ledger.Acknowledgements;
import dev.afterhours.notifier.ledger.NotificationLedger;
import dev.afterhours.notifier.oncall.StaffDirectory;
import dev.afterhours.security.CurrentUser;
import dev.afterhours.security.Roles;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Acknowledgements ({@code POST /api/v1/notifications/{id}/ack}) and the recent history of what was paged
 * ({@code GET /api/v1/notifications?clientId=...&limit=50}). Errors are RFC 9457 problem details naming the field.
 */
@RestController
@RequestMapping("/api/v1/notifications")
public class NotificationController {

    static final int MAX_NOTE = 2000;
    static final int MAX_LIMIT = 500;

    private final Acknowledgements acknowledgements;
    private final NotificationLedger ledger;
    private final StaffDirectory directory;

    public NotificationController(Acknowledgements acknowledgements, NotificationLedger ledger, StaffDirectory directory) {
        this.acknowledgements = acknowledgements;
        this.ledger = ledger;
        this.directory = directory;
    }

    /**
     * The body of an acknowledgement: an optional note. Who acknowledges comes from the sign-in; a {@code staffId}
     * is accepted only if it names the signed-in person (older clients sent one).
     */
    public record AckRequest(@Nullable String staffId, @Nullable String note) {
    }

    /** The acknowledgement as recorded; {@code alreadyAcknowledged} for a repeat, which publishes nothing. */
    public record AckResponse(String notificationId, String escalationId, String clientId, String staffId,
                              @Nullable String note, String acknowledgedAt, boolean alreadyAcknowledged) {
        static AckResponse of(NotificationLedger.Ack ack, boolean repeat) {
            return new AckResponse(ack.notificationId(), ack.escalationId(), ack.clientId(), ack.staffId(), ack.note(),
                    ack.acknowledgedAt().toString(), repeat);
        }
    }

    @PreAuthorize(Roles.IS_STAFF)
    @PostMapping("/{notificationId}/ack")
    @ApiResponse(responseCode = "200", description = "Acknowledged as the signed-in person ('alreadyAcknowledged' "
            + "for a repeat, which changes nothing)")
    @ApiResponse(responseCode = "400", description = "A staffId that is not the signed-in person, a note over "
            + MAX_NOTE + " characters, or a body that is not JSON; 'field' names it")
    @ApiResponse(responseCode = "403", description = "Not a staff member in the directory, or not paged for this "
            + "escalation (an admin may acknowledge any)")
    @ApiResponse(responseCode = "404", description = "No delivered notification with this id")
    @ApiResponse(responseCode = "409", description = "The incident was already resolved: nothing is left to acknowledge")
    public ResponseEntity<?> acknowledge(@PathVariable String notificationId,
            @RequestBody(required = false) @Nullable AckRequest request, Authentication caller) {
        String staffId = CurrentUser.id(caller);
        boolean admin = CurrentUser.hasRole(caller, Roles.ADMIN);
        String claimed = request == null || request.staffId() == null ? null : request.staffId().trim();
        if (claimed != null && !claimed.isEmpty() && !claimed.equals(staffId)) {
            return badRequest("staffId", "staffId: you are signed in as '" + staffId
                    + "'; an acknowledgement is always yours, leave staffId out");
        }
        if (!admin && directory.staff(staffId).isEmpty()) {
            return problem(HttpStatus.FORBIDDEN, null, "'" + staffId + "' is not a staff member in the directory");
        }
        String note = request == null || request.note() == null || request.note().isBlank() ? null
                : request.note().strip();
        if (note != null && note.length() > MAX_NOTE) {
            return badRequest("note", "note: at most " + MAX_NOTE + " characters, was " + note.length());
        }
        return switch (acknowledgements.acknowledge(notificationId, staffId, admin, note)) {
            case Acknowledgements.Recorded recorded -> ResponseEntity.ok(AckResponse.of(recorded.ack(), false));
            case Acknowledgements.AlreadyAcknowledged repeat -> ResponseEntity.ok(AckResponse.of(repeat.ack(), true));
            case Acknowledgements.UnknownNotification unknown -> problem(HttpStatus.NOT_FOUND, null,
                    "No delivered notification '" + unknown.notificationId() + "'");
            case Acknowledgements.NotPaged notPaged -> problem(HttpStatus.FORBIDDEN, null, "'" + notPaged.staffId()
                    + "' was not paged for this escalation; only those paged, or an admin, may acknowledge it");
            case Acknowledgements.IncidentResolved resolved -> problem(HttpStatus.CONFLICT, null, "The incident was "
                    + "resolved by " + resolved.resolution().staffId() + " at " + resolved.resolution().resolvedAt()
                    + "; nothing is left to acknowledge");
        };
    }

    @PreAuthorize(Roles.IS_VIEWER)
    @GetMapping
    @ApiResponse(responseCode = "200", description = "The most recent notifications, newest first")
    @ApiResponse(responseCode = "400", description = "A limit that is not a number from 1 to " + MAX_LIMIT
            + "; 'field' names it")
    public ResponseEntity<?> recent(@RequestParam(required = false) @Nullable String clientId,
            @RequestParam(required = false) @Nullable String limit) {
        // Read as text: a blank or padded limit is a mistake to name, not a reason to quietly take the default.
        int max = 50;
        if (limit != null) {
            try {
                max = Integer.parseInt(limit);
            } catch (NumberFormatException e) {
                return badRequest("limit", "limit: '" + limit + "' is not a number");
            }
        }
        if (max < 1 || max > MAX_LIMIT) {
            return badRequest("limit", "limit: must be between 1 and " + MAX_LIMIT + ", was " + max);
        }
        List<NotificationView> events = ledger.recent(clientId == null || clientId.isBlank() ? null : clientId, max)
                .stream().map(NotificationView::of).toList();
        return ResponseEntity.ok(events);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e) {
        return problem(HttpStatus.BAD_REQUEST, "body", "body: expected JSON like {\"note\": \"on it\"}");
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> mismatch(MethodArgumentTypeMismatchException e) {
        return problem(HttpStatus.BAD_REQUEST, e.getName(), e.getName() + ": '" + e.getValue() + "' is not a valid value");
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ProblemDetail> missing(MissingServletRequestParameterException e) {
        return problem(HttpStatus.BAD_REQUEST, e.getParameterName(), e.getParameterName() + ": required");
    }

    private static ResponseEntity<ProblemDetail> badRequest(String field, String detail) {
        return problem(HttpStatus.BAD_REQUEST, field, detail);
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, @Nullable String field, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        if (field != null) {
            problem.setProperty("field", field);
        }
        return ResponseEntity.status(status).body(problem);
    }
}
