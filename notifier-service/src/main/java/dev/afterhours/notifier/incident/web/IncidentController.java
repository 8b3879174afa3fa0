package dev.afterhours.notifier.incident.web;

import static dev.afterhours.notifier.web.RequestProblems.instant;

import dev.afterhours.notifier.NotifierProperties;
import dev.afterhours.notifier.crm.CrmNoteWriter;
import dev.afterhours.notifier.incident.Incident;
import dev.afterhours.notifier.incident.Resolutions;
import dev.afterhours.notifier.ledger.NotificationLedger;
import dev.afterhours.notifier.ledger.RecordingFailedException;
import dev.afterhours.notifier.oncall.RecipientResolver;
import dev.afterhours.notifier.oncall.StaffDirectory;
import dev.afterhours.notifier.web.RequestProblems.BadRequest;
import dev.afterhours.notifier.web.RequestProblems.NotFound;
import dev.afterhours.security.CurrentUser;
import dev.afterhours.security.Roles;
import dev.afterhours.security.web.Problems;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Incidents: resolving one with a handover note (staff: someone paged for it, or an admin), and the page history
 * (viewer): who was paged, on which channel, when, at which step; who acknowledged and when; the time to acknowledge
 * and to resolve; who resolved it, with the handover note. Computed from the notifications topic, within the
 * ledger window.
 */
@RestController
@RequestMapping("/api/v1/incidents")
public class IncidentController {

    static final int MAX_NOTE = 4000;
    private static final String NOT_WRITTEN = "Kafka did not take the handover note or the resolution; retry";

    private final Resolutions resolutions;
    private final NotificationLedger ledger;
    private final StaffDirectory directory;
    private final RecipientResolver recipients;
    private final NotifierProperties properties;
    private final Clock clock;

    public IncidentController(Resolutions resolutions, NotificationLedger ledger, StaffDirectory directory,
            RecipientResolver recipients, NotifierProperties properties, Clock clock) {
        this.resolutions = resolutions;
        this.ledger = ledger;
        this.directory = directory;
        this.recipients = recipients;
        this.properties = properties;
        this.clock = clock;
    }

    @PreAuthorize(Roles.IS_STAFF)
    @PostMapping("/{escalationId}/resolve")
    @ApiResponse(responseCode = "200", description = "Resolved as the signed-in person: the incident, with the "
            + "handover note (also written as a CRM note of the client); no further level is paged")
    @ApiResponse(responseCode = "400", description = "No handover note (a note is required), a note over " + MAX_NOTE
            + " characters, an unknown field, or a body that is not JSON; 'field' names it")
    @ApiResponse(responseCode = "403", description = "Not a staff member in the directory, or not paged for this "
            + "escalation (an admin may resolve any)")
    @ApiResponse(responseCode = "404", description = "No escalation with this id in the ledger window")
    @ApiResponse(responseCode = "409", description = "Already resolved; 'resolvedBy' and 'resolvedAt' say by whom and when")
    @ApiResponse(responseCode = "503", description = NOT_WRITTEN)
    public ResponseEntity<?> resolve(@PathVariable String escalationId,
            @RequestBody(required = false) @Nullable JsonNode body, Authentication caller) throws InterruptedException {
        String note = note(body);
        String staffId = CurrentUser.id(caller);
        boolean admin = CurrentUser.hasRole(caller, Roles.ADMIN);
        if (!admin && directory.staff(staffId).isEmpty()) {
            return problem(HttpStatus.FORBIDDEN, "'" + staffId + "' is not a staff member in the directory");
        }
        return switch (resolutions.resolve(escalationId, staffId, admin, note)) {
            case Resolutions.Resolved resolved -> ResponseEntity.ok(view(resolved.incident()));
            case Resolutions.AlreadyResolved already -> {
                ProblemDetail problem = Problems.of(HttpStatus.CONFLICT, null, "Escalation '" + escalationId
                        + "' was already resolved by " + already.resolution().staffId() + " at "
                        + already.resolution().resolvedAt());
                problem.setProperty("resolvedBy", already.resolution().staffId());
                problem.setProperty("resolvedAt", already.resolution().resolvedAt().toString());
                yield ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
            }
            case Resolutions.UnknownEscalation unknown -> throw new NotFound("no escalation '" + unknown.escalationId()
                    + "' in the ledger window");
            case Resolutions.NotPaged notPaged -> problem(HttpStatus.FORBIDDEN, "'" + notPaged.staffId()
                    + "' was not paged for this escalation; only those paged, or an admin, may resolve it");
        };
    }

    @PreAuthorize(Roles.IS_VIEWER)
    @GetMapping
    @ApiResponse(responseCode = "200", description = "The incidents opened from 'from' (default: the ledger window "
            + "ago) until 'to' (default now), newest first; of one client with 'clientId'")
    @ApiResponse(responseCode = "400", description = "A 'from' or 'to' that is not an ISO-8601 instant, or 'to' not "
            + "after 'from'; 'field' names it")
    public List<Map<String, Object>> list(@RequestParam(required = false) @Nullable String clientId,
            @RequestParam(required = false) @Nullable String from, @RequestParam(required = false) @Nullable String to) {
        Instant now = clock.instant();
        Instant start = instant("from", from, now.minus(properties.ledgerWindow()));
        Instant end = instant("to", to, now);
        if (!end.isAfter(start)) {
            throw new BadRequest("to", "must be after from (" + start + "), was " + end);
        }
        return ledger.escalations(clientId == null || clientId.isBlank() ? null : clientId.strip()).values().stream()
                .flatMap(events -> Incident.of(events).stream())
                .filter(i -> !i.openedAt().isBefore(start) && i.openedAt().isBefore(end))
                .sorted(Comparator.comparing(Incident::openedAt).reversed())
                .map(this::view).toList();
    }

    @PreAuthorize(Roles.IS_VIEWER)
    @GetMapping("/{escalationId}")
    @ApiResponse(responseCode = "200", description = "One incident: its pages, steps, acknowledgement and resolution")
    @ApiResponse(responseCode = "404", description = "No escalation with this id in the ledger window")
    public Map<String, Object> one(@PathVariable String escalationId) {
        return Incident.of(ledger.escalationEvents(escalationId)).map(this::view)
                .orElseThrow(() -> new NotFound("no escalation '" + escalationId + "' in the ledger window"));
    }

    private static String note(@Nullable JsonNode body) {
        if (body != null && !body.isNull() && !body.isObject()) {
            throw new BadRequest("body", "must be a JSON object like {\"note\": \"what happened, what is left\"}");
        }
        if (body != null && body.isObject()) {
            for (String name : body.propertyNames()) {
                if (!name.equals("note")) {
                    throw new BadRequest(name, "unknown field; a resolution takes only \"note\"");
                }
            }
        }
        JsonNode note = body == null ? null : body.get("note");
        if (note == null || note.isNull() || (note.isString() && note.asString().isBlank())) {
            throw new BadRequest("note", "a handover note is required: what happened and what is left, for whoever "
                    + "is on call next");
        }
        if (!note.isString()) {
            throw new BadRequest("note", "must be a string");
        }
        String text = note.asString().strip();
        if (text.length() > MAX_NOTE) {
            throw new BadRequest("note", "at most " + MAX_NOTE + " characters, was " + text.length());
        }
        return text;
    }

    private Map<String, Object> view(Incident incident) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("escalationId", incident.escalationId());
        view.put("clientId", incident.clientId());
        view.put("summary", incident.summary());
        view.put("reason", incident.reason() == null ? null : incident.reason().name());
        view.put("urgency", incident.urgency() == null ? null : incident.urgency().name());
        view.put("status", incident.status().name());
        view.put("openedAt", incident.openedAt().toString());
        view.put("levelReached", incident.levelReached());
        view.put("pages", incident.pages().stream().map(p -> {
            Map<String, Object> page = new LinkedHashMap<>();
            page.put("notificationId", p.notificationId());
            page.put("staffId", p.staffId());
            page.put("channel", p.channel().name());
            page.put("at", p.at().toString());
            page.put("level", p.level());
            recipients.position(incident.clientId(), p.level()).ifPresent(position -> {
                page.put("round", position.round());
                if (position.finalAction()) {
                    page.put("finalAction", true);
                } else {
                    page.put("policyLevel", position.policyLevel());
                }
            });
            page.put("outcome", p.outcome().name());
            if (p.error() != null) {
                page.put("error", p.error());
            }
            return page;
        }).toList());
        view.put("steps", incident.steps().stream().map(s -> Map.of("fromLevel", s.fromLevel(), "toLevel", s.toLevel(),
                "at", s.at().toString(), "why", s.why())).toList());
        Incident.Acknowledgement ack = incident.acknowledged();
        view.put("acknowledgedBy", ack == null ? null : ack.staffId());
        view.put("acknowledgedAt", ack == null ? null : ack.at().toString());
        view.put("acknowledgedByResolving", ack != null && ack.implicit());
        view.put("acknowledgementNote", ack == null ? null : ack.note());
        view.put("timeToAcknowledgeSeconds", incident.timeToAcknowledge().map(IncidentController::seconds).orElse(null));
        Incident.Resolution resolution = incident.resolved();
        view.put("resolvedBy", resolution == null ? null : resolution.staffId());
        view.put("resolvedAt", resolution == null ? null : resolution.at().toString());
        view.put("timeToResolveSeconds", incident.timeToResolve().map(IncidentController::seconds).orElse(null));
        view.put("handoverNote", resolution == null ? null : resolution.note());
        view.put("handoverNoteId", resolution == null ? null : resolution.noteId());
        return view;
    }

    private static double seconds(java.time.Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail) {
        return ResponseEntity.status(status).body(Problems.of(status, null, detail));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e) {
        return ResponseEntity.badRequest().body(Problems.of(HttpStatus.BAD_REQUEST, "body",
                "body: expected JSON like {\"note\": \"what happened, what is left\"}"));
    }

    @ExceptionHandler(CrmNoteWriter.NotWrittenException.class)
    ResponseEntity<ProblemDetail> noteNotWritten(CrmNoteWriter.NotWrittenException e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .body(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, null, NOT_WRITTEN));
    }

    @ExceptionHandler(RecordingFailedException.class)
    ResponseEntity<ProblemDetail> notRecorded(RecordingFailedException e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .body(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, null, NOT_WRITTEN));
    }
}
