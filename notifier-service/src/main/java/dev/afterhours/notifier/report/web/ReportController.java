package dev.afterhours.notifier.report.web;

import dev.afterhours.notifier.report.ReportFeed;
import dev.afterhours.notifier.report.ReportProperties;
import dev.afterhours.notifier.report.ReportRange;
import dev.afterhours.notifier.report.ReportStore;
import dev.afterhours.notifier.report.ReportStore.Dimension;
import dev.afterhours.notifier.report.ReportTable;
import dev.afterhours.notifier.web.RequestProblems.BadRequest;
import dev.afterhours.security.Roles;
import dev.afterhours.security.web.Problems;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The reporting API (viewer): SLA attainment, after-hours load (messages and responders), client burden and
 * incident history, for a range, in JSON or CSV (Accept: text/csv, or format=csv). Both are written from one
 * {@link ReportTable}, so they carry the same figures. While the reports are still reading the topics after a
 * start, answers are 200 with {@code "complete": false} and the topics still being read (header
 * {@code X-Report-Complete: false}), so a dashboard shows something and says it is partial.
 */
@RestController
@RequestMapping("/api/v1/reports")
@PreAuthorize(Roles.IS_VIEWER)
public class ReportController {

    static final String COMPLETE_HEADER = "X-Report-Complete";
    static final MediaType CSV = new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8);
    private static final String RANGE_400 = "A 'from' or 'to' that is neither an ISO date (2026-12-01) nor an ISO "
            + "instant, 'to' not after 'from', a range over the maximum span, an unknown 'groupBy' dimension or "
            + "'format'; 'field' names it";
    private static final String OK = ". JSON {report, from, to, complete, catchingUp, generatedAt, rows}, or CSV "
            + "(RFC 4180, a header row) with the same rows; header X-Report-Complete";

    static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("9999-12-31T00:00:00Z");

    private final ReportStore store;
    private final ReportFeed feed;
    private final ReportProperties properties;
    private final Clock clock;

    public ReportController(ReportStore store, ReportFeed feed, ReportProperties properties, Clock clock) {
        this.store = store;
        this.feed = feed;
        this.properties = properties;
        this.clock = clock;
    }

    @GetMapping("/sla")
    @ApiResponse(responseCode = "200", description = "SLAs of messages received in the range, by client, urgency and "
            + "channel (or the dimensions in groupBy): started, met, breached, still open now, attainment "
            + "met/(met+breached), median and p90 time to first response on the wall clock and in business hours" + OK)
    @ApiResponse(responseCode = "400", description = RANGE_400)
    public ResponseEntity<?> sla(@RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to,
            @Parameter(description = "comma-separated: client, urgency, channel (default all three)")
            @RequestParam(required = false) @Nullable String groupBy,
            @RequestParam(required = false) @Nullable String clientId,
            @RequestParam(required = false) @Nullable String format,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) @Nullable String accept) {
        Set<Dimension> dimensions = dimensions(groupBy, EnumSet.of(Dimension.CLIENT, Dimension.URGENCY, Dimension.CHANNEL),
                EnumSet.of(Dimension.CLIENT, Dimension.URGENCY, Dimension.CHANNEL));
        return answer("sla", from, to, format, accept, range -> store.sla(range, dimensions, blankToNull(clientId)));
    }

    @GetMapping("/after-hours/messages")
    @ApiResponse(responseCode = "200", description = "Inbound messages received in the range by after-hours status "
            + "(IN_HOURS, AFTER_HOURS, WEEKEND, HOLIDAY), or by the dimensions in groupBy" + OK)
    @ApiResponse(responseCode = "400", description = RANGE_400)
    public ResponseEntity<?> messages(@RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to,
            @Parameter(description = "comma-separated: status, client, channel, urgency (default status)")
            @RequestParam(required = false) @Nullable String groupBy,
            @RequestParam(required = false) @Nullable String clientId,
            @RequestParam(required = false) @Nullable String format,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) @Nullable String accept) {
        Set<Dimension> dimensions = dimensions(groupBy, EnumSet.allOf(Dimension.class), EnumSet.of(Dimension.STATUS));
        return answer("after-hours-messages", from, to, format, accept,
                range -> store.messages(range, dimensions, blankToNull(clientId)));
    }

    @GetMapping("/after-hours/responders")
    @ApiResponse(responseCode = "200", description = "Per person paged in the range: pages by urgency, pages in their "
            + "quiet hours and those on a channel that wakes (not email; should be 0 below EMERGENCY), nights "
            + "(18:00-08:00 on their clock), responder minutes, pages by hour of the day on their own clock (h00-h23)"
            + OK)
    @ApiResponse(responseCode = "400", description = RANGE_400)
    public ResponseEntity<?> responders(@RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to,
            @RequestParam(required = false) @Nullable String format,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) @Nullable String accept) {
        return answer("after-hours-responders", from, to, format, accept, store::responders);
    }

    @GetMapping("/client-burden")
    @ApiResponse(responseCode = "200", description = "Per client, most pages first: inbound and after-hours "
            + "messages, true and false 911s, 411s sent after hours in the urgent lane, pages, incidents, responder "
            + "minutes, nights and its share of the team's nights" + OK)
    @ApiResponse(responseCode = "400", description = RANGE_400)
    public ResponseEntity<?> clientBurden(@RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to,
            @RequestParam(required = false) @Nullable String clientId,
            @RequestParam(required = false) @Nullable String format,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) @Nullable String accept) {
        return answer("client-burden", from, to, format, accept, range -> store.clientBurden(range, blankToNull(clientId)));
    }

    @GetMapping("/incidents")
    @ApiResponse(responseCode = "200", description = "Incidents opened in the range, per level reached and in all: "
            + "count, acknowledged, resolved, open, MTTA and MTTR (means) and their medians, in seconds" + OK)
    @ApiResponse(responseCode = "400", description = RANGE_400)
    public ResponseEntity<?> incidents(@RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to,
            @RequestParam(required = false) @Nullable String clientId,
            @RequestParam(required = false) @Nullable String format,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) @Nullable String accept) {
        return answer("incidents", from, to, format, accept, range -> store.incidents(range, blankToNull(clientId)));
    }

    private ResponseEntity<?> answer(String report, @Nullable String from, @Nullable String to, @Nullable String format,
            @Nullable String accept, Function<ReportRange, ReportTable> compute) {
        boolean csv = csv(format, accept);
        ReportRange range = range(from, to);
        boolean complete = feed.complete();
        ReportTable table = compute.apply(range);
        if (csv) {
            String name = "afterhours-" + report + "-" + range.from().toString().replace(":", "") + "-"
                    + range.to().toString().replace(":", "") + ".csv";
            return ResponseEntity.ok().contentType(CSV).header(COMPLETE_HEADER, Boolean.toString(complete))
                    .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"")
                    .body(Csv.of(table));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("report", report);
        body.put("from", range.from().toString());
        body.put("to", range.to().toString());
        body.put("complete", complete);
        body.put("catchingUp", feed.catchingUp());
        body.put("generatedAt", clock.instant().toString());
        body.put("rows", table.rowObjects());
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).header(COMPLETE_HEADER, Boolean.toString(complete))
                .body(body);
    }

    /**
     * A refused request is a problem detail in JSON even when the caller asked for CSV only: without the preset
     * content type Spring would find no way to write a problem as text/csv and answer 406 without saying what is wrong.
     */
    @ExceptionHandler(BadRequest.class)
    ResponseEntity<ProblemDetail> refused(BadRequest e) {
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.of(HttpStatus.BAD_REQUEST, e.field(), e.field() + ": " + e.getMessage()));
    }

    private static boolean csv(@Nullable String format, @Nullable String accept) {
        if (format != null && !format.isBlank()) {
            return switch (format.strip().toLowerCase(Locale.ROOT)) {
                case "csv" -> true;
                case "json" -> false;
                default -> throw new BadRequest("format", "'" + format + "' is not one of csv, json");
            };
        }
        if (accept == null) {
            return false;
        }
        try {
            return MediaType.parseMediaTypes(accept).stream()
                    .filter(t -> !t.isWildcardType())
                    .sorted(java.util.Comparator.comparingDouble(MediaType::getQualityValue).reversed())
                    .findFirst().map(t -> t.isCompatibleWith(CSV)).orElse(false);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** {@code from} default: {@code to} minus the default span; {@code to} default now. Dates are whole UTC days, {@code to} included. */
    ReportRange range(@Nullable String from, @Nullable String to) {
        Instant end = to == null || to.isBlank() ? clock.instant() : instant("to", to, true);
        Instant start = from == null || from.isBlank() ? end.minus(properties.defaultSpan()) : instant("from", from, false);
        if (!end.isAfter(start)) {
            throw new BadRequest("to", "must be after from (" + start + "), was " + end);
        }
        if (Duration.between(start, end).compareTo(properties.maxSpan()) > 0) {
            throw new BadRequest("to", "a report covers at most " + properties.maxSpan().toDays() + " days; " + start
                    + " to " + end + " is " + Duration.between(start, end).toDays() + " days");
        }
        return ReportRange.widened(start, end);
    }

    private static Instant instant(String field, String value, boolean endOfDay) {
        String text = value.strip();
        Instant instant;
        try {
            if (text.length() == 10) {
                LocalDate date = LocalDate.parse(text);
                instant = (endOfDay ? date.plusDays(1) : date).atStartOfDay(ZoneOffset.UTC).toInstant();
            } else {
                instant = OffsetDateTime.parse(text).toInstant();
            }
        } catch (DateTimeException | ArithmeticException e) {
            throw new BadRequest(field, "'" + value + "' is neither an ISO date like 2026-12-01 nor an ISO instant like "
                    + "2026-12-01T22:00:00Z");
        }
        // far enough for any report, near enough that range arithmetic cannot overflow
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw new BadRequest(field, "'" + value + "' is out of range: from " + EARLIEST + " to " + LATEST);
        }
        return instant;
    }

    private static Set<Dimension> dimensions(@Nullable String groupBy, Set<Dimension> allowed, Set<Dimension> otherwise) {
        if (groupBy == null) {
            return otherwise;
        }
        Set<Dimension> chosen = EnumSet.noneOf(Dimension.class);
        for (String name : groupBy.split(",")) {
            if (name.isBlank()) {
                continue;
            }
            Dimension dimension;
            try {
                dimension = Dimension.valueOf(name.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                dimension = null;
            }
            if (dimension == null || !allowed.contains(dimension)) {
                throw new BadRequest("groupBy", "'" + name.strip() + "' is not one of "
                        + allowed.stream().map(d -> d.name().toLowerCase(Locale.ROOT)).toList());
            }
            chosen.add(dimension);
        }
        return chosen;
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
