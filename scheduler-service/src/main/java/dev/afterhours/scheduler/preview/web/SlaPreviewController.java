package dev.afterhours.scheduler.preview.web;

import dev.afterhours.businesstime.BusinessCalendars;
import dev.afterhours.businesstime.OpeningStatus;
import dev.afterhours.businesstime.SupportHours;
import dev.afterhours.businesstime.definition.InvalidCalendarException;
import dev.afterhours.businesstime.definition.InvalidCalendarException.Problem;
import dev.afterhours.contracts.AfterHoursStatus;
import dev.afterhours.contracts.Channel;
import dev.afterhours.contracts.ClientProfile;
import dev.afterhours.contracts.Direction;
import dev.afterhours.contracts.MessageClassified;
import dev.afterhours.contracts.MessageReceived;
import dev.afterhours.contracts.Urgency;
import dev.afterhours.directory.Calendars;
import dev.afterhours.directory.DirectoryView;
import dev.afterhours.scheduler.SchedulerProperties;
import dev.afterhours.scheduler.preview.SlaPreview;
import dev.afterhours.scheduler.preview.web.PreviewRequestParser.PreviewRequest;
import dev.afterhours.scheduler.sla.SlaPlan;
import dev.afterhours.scheduler.sla.SlaPlanner;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/sla/preview}: due time, next opening and status for any calendar, target and moment (or a
 * dry-run series of them). {@code GET /api/v1/clients/{clientId}/sla/preview}: the same for a client's own calendar
 * and policy, planned exactly as the pipeline plans a message.
 */
@RestController
class SlaPreviewController {

    private final PreviewRequestParser parser = new PreviewRequestParser();
    private final DirectoryView directory;
    private final SlaPlanner planner;
    private final Clock clock;

    SlaPreviewController(DirectoryView directory, SchedulerProperties properties) {
        this.directory = directory;
        this.planner = new SlaPlanner(properties.defaultTargets(), properties.defaultWarnAtPercent());
        this.clock = Clock.systemUTC();
    }

    @PostMapping(path = "/api/v1/sla/preview", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> preview(@RequestBody String body) {
        PreviewRequest request = parser.parse(body);
        SupportHours hours = BusinessCalendars.compile(request.calendar());
        if (request.count() != null && request.every() != null) {
            List<Map<String, Object>> series = new ArrayList<>();
            for (SlaPreview.Point point : SlaPreview.series(hours, request.receivedAt(), request.every(), request.count(),
                    request.target(), request.clock())) {
                series.add(json(point, true));
            }
            return Map.of("series", series);
        }
        return json(SlaPreview.at(hours, request.receivedAt(), request.target(), request.clock()), false);
    }

    @GetMapping(path = "/api/v1/clients/{clientId}/sla/preview", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> clientPreview(@PathVariable String clientId,
            @RequestParam(required = false) @Nullable String receivedAt,
            @RequestParam(defaultValue = "NORMAL") String urgency) {
        List<Problem> problems = new ArrayList<>();
        Instant received = receivedAt == null ? clock.instant().truncatedTo(ChronoUnit.SECONDS)
                : PreviewRequestParser.instant(tools.jackson.databind.node.StringNode.valueOf(receivedAt), "receivedAt", problems);
        Urgency level = null;
        try {
            level = Urgency.valueOf(urgency);
        } catch (IllegalArgumentException e) {
            problems.add(new Problem("urgency", "'" + urgency + "' is not one of " + Arrays.toString(Urgency.values())));
        }
        if (!problems.isEmpty() || level == null) {
            throw new InvalidCalendarException(problems);
        }
        Optional<ClientProfile> client = directory.client(clientId);
        if (client.isEmpty()) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND)
                    .body(Map.of("error", "clientId: no client '" + clientId + "' in the directory", "field", "clientId"));
        }
        SupportHours hours = Calendars.supportHours(client.get().getCalendar());
        OpeningStatus status = hours.status(received);
        SlaPlan plan = planner.plan(syntheticMessage(clientId, level, received, status), client);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("clientId", clientId);
        answer.put("urgency", level.name());
        answer.put("target", plan.target().toString());
        answer.put("clock", plan.clock().name());
        answer.put("receivedAt", iso(received));
        answer.put("dueAt", iso(plan.dueAt()));
        answer.put("nextOpenAt", iso(hours.nextOpenAt(received)));
        answer.put("status", status.name());
        if (plan.fallbackReason() != null) {
            answer.put("fallback", plan.fallbackReason());
        }
        return ResponseEntity.ok(answer);
    }

    @ExceptionHandler(InvalidCalendarException.class)
    ResponseEntity<Map<String, Object>> invalid(InvalidCalendarException e) {
        Problem first = e.problems().isEmpty() ? new Problem("body", e.getMessage()) : e.problems().getFirst();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", e.getMessage());
        body.put("field", first.field());
        body.put("problems", e.problems().stream().map(p -> Map.of("field", p.field(), "message", p.message())).toList());
        return ResponseEntity.badRequest().body(body);
    }

    /** Errors of the arithmetic that SupportHours still reports as plain IllegalArgumentException. */
    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<Map<String, Object>> unanswerable(IllegalArgumentException e) {
        String message = e.getMessage() == null ? "cannot be answered" : e.getMessage();
        String field = message.contains("no open time") ? "calendar.hours" : message.contains("5 years") ? "target" : "body";
        return invalid(new InvalidCalendarException(field, message));
    }

    private static Map<String, Object> json(SlaPreview.Point point, boolean withReceivedAt) {
        Map<String, Object> map = new LinkedHashMap<>();
        if (withReceivedAt) {
            map.put("receivedAt", iso(point.receivedAt()));
        }
        map.put("dueAt", iso(point.dueAt()));
        map.put("nextOpenAt", iso(point.nextOpenAt()));
        map.put("status", point.status().name());
        return map;
    }

    /** UTC, ISO-8601, whole seconds (inputs are whole seconds, so nothing is lost). */
    private static String iso(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static MessageClassified syntheticMessage(String clientId, Urgency urgency, Instant receivedAt, OpeningStatus status) {
        MessageReceived message = MessageReceived.newBuilder()
                .setMessageId("preview").setClientId(clientId).setConversationId("preview").setChannel(Channel.API)
                .setDirection(Direction.INBOUND).setProvider("preview").setProviderMessageId("preview").setFrom("preview")
                .setBody("").setReceivedAt(receivedAt).build();
        return MessageClassified.newBuilder()
                .setMessageId("preview").setClientId(clientId).setConversationId("preview").setUrgency(urgency)
                .setConfidence(1.0).setNeedsResponse(true).setAutoReply(false)
                .setAfterHoursStatus(AfterHoursStatus.valueOf(status.name())).setClientLocalTime("")
                .setClassifiedAt(receivedAt).setMessage(message).build();
    }
}
