package dev.afterhours.scheduler.preview.web;

import dev.afterhours.businesstime.definition.InvalidCalendarException.Problem;
import dev.afterhours.businesstime.definition.InvalidCalendarException;
import dev.afterhours.contracts.Urgency;
import dev.afterhours.scheduler.preview.ClientSlaPreview;
import dev.afterhours.scheduler.preview.SlaPreview;
import dev.afterhours.scheduler.preview.web.PreviewRequestParser.PreviewRequest;
import dev.afterhours.security.Roles;
import dev.afterhours.security.web.Problems;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.node.StringNode;

/**
 * {@code POST /api/v1/sla/preview}: due time, next opening and status for any calendar, target and moment (or a
 * dry-run series of them). {@code GET /api/v1/clients/{clientId}/sla/preview}: the same for a client's own calendar
 * and policy, planned exactly as the pipeline plans a message. Reads requests and writes answers; the arithmetic is
 * in {@link SlaPreview} and {@link ClientSlaPreview}.
 */
@RestController
class SlaPreviewController {

    private static final String INVALID = "A question that cannot be answered: 'problems' lists every problem, "
            + "'field' names the first";

    private final PreviewRequestParser parser = new PreviewRequestParser();
    private final ClientSlaPreview clients;
    private final Clock clock;

    @Autowired
    SlaPreviewController(ClientSlaPreview clients) {
        this(clients, Clock.systemUTC());
    }

    SlaPreviewController(ClientSlaPreview clients, Clock clock) {
        this.clients = clients;
        this.clock = clock;
    }

    @PreAuthorize(Roles.IS_VIEWER)
    @PostMapping(path = "/api/v1/sla/preview", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @ApiResponse(responseCode = "200", description = "Due time, next opening and status, or a 'series' of them")
    @ApiResponse(responseCode = "400", description = INVALID)
    Map<String, Object> preview(@RequestBody(required = false) @Nullable String body) {
        PreviewRequest request = parser.parse(body);
        Integer count = request.count();
        if (count != null && request.every() != null) {
            List<Map<String, Object>> series = new ArrayList<>();
            for (SlaPreview.Point point : SlaPreview.series(request.hours(), request.receivedAt(), request.every(),
                    count, request.target(), request.clock())) {
                series.add(json(point, true));
            }
            return Map.of("series", series);
        }
        return json(SlaPreview.at(request.hours(), request.receivedAt(), request.target(), request.clock()), false);
    }

    @PreAuthorize(Roles.IS_VIEWER)
    @GetMapping(path = "/api/v1/clients/{clientId}/sla/preview", produces = MediaType.APPLICATION_JSON_VALUE)
    @ApiResponse(responseCode = "200", description = "The client's due time, planned as the pipeline plans a message")
    @ApiResponse(responseCode = "400", description = INVALID)
    @ApiResponse(responseCode = "404", description = "No such client in the directory")
    @ApiResponse(responseCode = "503", description = "The directory is still loading; retry shortly")
    ResponseEntity<?> clientPreview(@PathVariable String clientId,
            @RequestParam(required = false) @Nullable String receivedAt,
            @RequestParam(defaultValue = "NORMAL") String urgency) {
        List<Problem> problems = new ArrayList<>();
        Instant received = receivedAt == null ? clock.instant().truncatedTo(ChronoUnit.SECONDS)
                : PreviewRequestParser.instant(StringNode.valueOf(receivedAt), "receivedAt", problems);
        Urgency level = null;
        try {
            level = Urgency.valueOf(urgency);
        } catch (IllegalArgumentException e) {
            problems.add(new Problem("urgency", "'" + urgency + "' is not one of " + Arrays.toString(Urgency.values())));
        }
        if (!problems.isEmpty() || level == null) {
            throw new InvalidCalendarException(problems);
        }
        Optional<ClientSlaPreview.Answer> found = clients.preview(clientId, level, received);
        if (found.isEmpty()) {
            HttpStatus status = clients.ready() ? HttpStatus.NOT_FOUND : HttpStatus.SERVICE_UNAVAILABLE;
            String message = clients.ready() ? "no client '" + clientId + "' in the directory"
                    : "the directory is still loading; try again shortly";
            return ResponseEntity.status(status).body(problem(status, List.of(new Problem("clientId", message))));
        }
        ClientSlaPreview.Answer answer = found.get();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("clientId", answer.clientId());
        json.put("urgency", answer.urgency().name());
        json.put("target", answer.target().toString());
        json.put("clock", answer.clock().name());
        json.put("receivedAt", iso(answer.receivedAt()));
        json.put("dueAt", iso(answer.dueAt()));
        Instant nextOpenAt = answer.nextOpenAt();
        json.put("nextOpenAt", nextOpenAt == null ? null : iso(nextOpenAt));
        json.put("status", answer.status() == null ? null : answer.status().name());
        if (answer.fallback() != null) {
            json.put("fallback", answer.fallback());
        }
        return ResponseEntity.ok(json);
    }

    @ExceptionHandler(InvalidCalendarException.class)
    ResponseEntity<ProblemDetail> invalid(InvalidCalendarException e) {
        List<Problem> problems = e.problems().isEmpty()
                ? List.of(new Problem("body", String.valueOf(e.getMessage()))) : e.problems();
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, problems));
    }

    /** A question the library refuses without naming a field (it names them for all it knows of). */
    @ExceptionHandler({IllegalArgumentException.class, ArithmeticException.class, DateTimeException.class})
    ResponseEntity<ProblemDetail> unanswerable(RuntimeException e) {
        String message = e.getMessage() == null || !(e instanceof IllegalArgumentException) ? "cannot be answered"
                : e.getMessage();
        return invalid(new InvalidCalendarException("body", message));
    }

    /**
     * RFC 9457: detail "field: problem[; ...]", {@code field} the first problem's field, {@code problems} every one
     * as {field, message}.
     */
    private static ProblemDetail problem(HttpStatus status, List<Problem> problems) {
        ProblemDetail problem = Problems.of(status, problems.getFirst().field(),
                String.join("; ", problems.stream().map(Problem::toString).toList()));
        problem.setProperty("problems", problems.stream().map(p -> {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("field", p.field());
            one.put("message", p.message());
            return one;
        }).toList());
        return problem;
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

    /** UTC, ISO-8601, whole seconds: inputs are whole seconds (the parser insists), so nothing is cut. */
    private static String iso(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
