package dev.afterhours.ingest.directory.web;

import dev.afterhours.businesstime.schedule.CoverageGaps;
import dev.afterhours.businesstime.schedule.Gap;
import dev.afterhours.contracts.ClientProfile;
import dev.afterhours.contracts.Rotation;
import dev.afterhours.directory.DirectoryPublisher;
import dev.afterhours.directory.DirectoryRecords;
import dev.afterhours.directory.DirectoryValidator;
import dev.afterhours.directory.DirectoryView;
import dev.afterhours.directory.InvalidDirectoryRecordException;
import dev.afterhours.directory.RotationSchedules;
import dev.afterhours.ingest.IngestProperties;
import dev.afterhours.ingest.message.NotReadyException;
import dev.afterhours.ingest.web.BoundedBody;
import dev.afterhours.ingest.web.ServiceUnavailableException;
import dev.afterhours.security.Roles;
import dev.afterhours.security.web.Problems;
import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The directory admin API. Writes go, validated, to the compacted directory topics, from which every service's
 * DirectoryView picks them up without a restart; reads come from this instance's view. A PUT or DELETE answers
 * once the change is visible in this instance's view (or after {@code afterhours.ingest.directory-sync-timeout}).
 */
@RestController
@RequestMapping("/api/v1/directory")
public class DirectoryAdminController {

    private static final Logger log = LoggerFactory.getLogger(DirectoryAdminController.class);
    /** What the OpenAPI description says of the errors every operation here shares. */
    private static final String UNKNOWN = "Unknown directory section (kind)";
    /** How far ahead a saved schedule is checked for windows with nobody on call. */
    static final Duration GAP_WARNING_AHEAD = Duration.ofDays(14);
    private static final String LOADING = "The directory is still loading; retry after Retry-After";

    private final DirectoryView view;
    private final DirectoryPublisher publisher;
    private final IngestProperties properties;
    private final MeterRegistry meters;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    public DirectoryAdminController(DirectoryView view, DirectoryPublisher publisher, IngestProperties properties,
            MeterRegistry meters, Clock clock) {
        this.view = view;
        this.publisher = publisher;
        this.properties = properties;
        this.meters = meters;
        this.clock = clock;
    }

    @PreAuthorize(Roles.IS_STAFF)
    @GetMapping(path = "/{kind}", produces = MediaType.APPLICATION_JSON_VALUE)
    @ApiResponse(responseCode = "200", description = "Every record of the section, by id")
    @ApiResponse(responseCode = "404", description = UNKNOWN)
    @ApiResponse(responseCode = "503", description = LOADING)
    public List<Map<String, Object>> list(@PathVariable String kind) {
        return list(kind(kind));
    }

    @PreAuthorize(Roles.IS_STAFF)
    @GetMapping(path = "/{kind}/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    @ApiResponse(responseCode = "200", description = "The record")
    @ApiResponse(responseCode = "404", description = UNKNOWN + ", or no record with this id")
    @ApiResponse(responseCode = "503", description = LOADING)
    public Map<String, Object> get(@PathVariable String kind, @PathVariable String id) {
        return get(kind(kind), id);
    }

    @PreAuthorize(Roles.IS_ADMIN)
    @PutMapping(path = "/{kind}/{id}", consumes = {MediaType.APPLICATION_JSON_VALUE, "application/*+json"},
            produces = MediaType.APPLICATION_JSON_VALUE)
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, description = "The record as JSON; its id "
            + "field may be left out (the path names it)", content = @Content(schema = @Schema(type = "object")))
    @ApiResponse(responseCode = "200", description = "The record as stored, visible to this instance")
    @ApiResponse(responseCode = "400", description = "Not a valid record: 'problems' lists every problem, 'field' "
            + "names the first")
    @ApiResponse(responseCode = "404", description = UNKNOWN)
    @ApiResponse(responseCode = "503", description = LOADING + ", or Kafka did not take the write (nothing changed)")
    public Map<String, Object> put(@PathVariable String kind, @PathVariable String id, HttpServletRequest request)
            throws IOException, InterruptedException {
        DirectoryKind<?> directoryKind = kind(kind);
        byte[] content = BoundedBody.read(request, properties.maxBodySize());
        return put(directoryKind, id, readObject(content));
    }

    @PreAuthorize(Roles.IS_ADMIN)
    @DeleteMapping(path = "/{kind}/{id}")
    @ApiResponse(responseCode = "204", description = "Deleted (a tombstone on the section's topic)")
    @ApiResponse(responseCode = "404", description = UNKNOWN + ", or no record with this id")
    @ApiResponse(responseCode = "503", description = LOADING + ", or Kafka did not take the write (nothing changed)")
    public ResponseEntity<Void> delete(@PathVariable String kind, @PathVariable String id) throws InterruptedException {
        delete(kind(kind), id);
        return ResponseEntity.noContent().build();
    }

    private <T extends SpecificRecord> List<Map<String, Object>> list(DirectoryKind<T> kind) {
        return kind.all().apply(view).stream()
                .sorted(Comparator.comparing(kind.id()))
                .map(DirectoryRecords::toMap)
                .toList();
    }

    private <T extends SpecificRecord> Map<String, Object> get(DirectoryKind<T> kind, String id) {
        return DirectoryRecords.toMap(find(kind, id));
    }

    private <T extends SpecificRecord> Map<String, Object> put(DirectoryKind<T> kind, String id, Map<String, Object> body)
            throws InterruptedException {
        Object bodyId = body.get(kind.idField());
        if (bodyId == null) {
            body.put(kind.idField(), id); // the path names it; no need to say it twice
        } else if (!id.equals(bodyId)) {
            throw new InvalidDirectoryRecordException(List.of(kind.idField() + ": '" + bodyId
                    + "' in the body must equal the id in the path ('" + id + "')"));
        }
        T record = DirectoryRecords.fromJson(body, kind.type(), publisher.validator());
        if (record instanceof ClientProfile client) {
            // A form slug or Slack channel decides whose a message is: it may name one client only.
            List<String> clashes = DirectoryValidator.clashesWithOtherClients(client, view.clients());
            if (!clashes.isEmpty()) {
                throw new InvalidDirectoryRecordException(clashes);
            }
        }
        DirectoryPublisher.Written written;
        try {
            written = publisher.publish(record);
        } catch (IllegalStateException e) {
            throw new ServiceUnavailableException("could not write the " + kind.noun() + " to Kafka: " + e.getMessage(), e);
        }
        count(kind, "put");
        awaitVisible(kind, id, written);
        Map<String, Object> stored = DirectoryRecords.toMap(record);
        if (record instanceof Rotation rotation) {
            List<String> warnings = coverageWarnings(rotation);
            if (!warnings.isEmpty()) {
                Map<String, Object> answer = new LinkedHashMap<>(stored);
                answer.put("warnings", warnings);
                return answer;
            }
        }
        return stored;
    }

    /**
     * A warning, not a refusal: the windows of the next {@link #GAP_WARNING_AHEAD} in which a schedule of layers has
     * nobody on call (a nights-only layer may be meant to leave the days to another level).
     */
    private List<String> coverageWarnings(Rotation rotation) {
        if (!RotationSchedules.isLayered(rotation)) {
            return List.of();
        }
        Instant now = clock.instant();
        List<Gap> gaps = CoverageGaps.find(RotationSchedules.schedule(rotation), now, now.plus(GAP_WARNING_AHEAD));
        List<String> warnings = new ArrayList<>();
        gaps.stream().limit(5).forEach(gap -> warnings.add("nobody is on call from " + gap.start() + " to " + gap.end()));
        if (gaps.size() > 5) {
            warnings.add("... and " + (gaps.size() - 5) + " more gaps in the next " + GAP_WARNING_AHEAD.toDays()
                    + " days (GET /api/v1/rotations/" + rotation.getRotationId() + "/gaps on the notifier lists them)");
        }
        return warnings;
    }

    private <T extends SpecificRecord> void delete(DirectoryKind<T> kind, String id) throws InterruptedException {
        find(kind, id);
        DirectoryPublisher.Written written;
        try {
            written = publisher.delete(kind.topic(), id);
        } catch (IllegalStateException e) {
            throw new ServiceUnavailableException("could not write the tombstone to Kafka: " + e.getMessage(), e);
        }
        count(kind, "delete");
        awaitVisible(kind, id, written);
    }

    private <T extends SpecificRecord> T find(DirectoryKind<T> kind, String id) {
        return kind.find().apply(view, id).orElseThrow(() -> new NotFoundException(
                "no " + kind.noun() + " '" + id + "' in the directory"));
    }

    /** Read-your-writes for this instance: the caller may use the change (e.g. post a message) right after. */
    private void awaitVisible(DirectoryKind<?> kind, String id, DirectoryPublisher.Written written)
            throws InterruptedException {
        if (!view.awaitApplied(written, properties.directorySyncTimeout())) {
            log.warn("The change to {} '{}' is written but not yet visible in this instance's view after {}",
                    kind.noun(), id, properties.directorySyncTimeout());
        }
    }

    private void count(DirectoryKind<?> kind, String action) {
        meters.counter("afterhours.ingest.directory.changes", "kind", kind.segment(), "action", action).increment();
    }

    private DirectoryKind<?> kind(String segment) {
        if (!view.isLoaded()) {
            // Before the view has read the topics, "not found" would be a lie.
            throw new NotReadyException("the directory is still loading");
        }
        return DirectoryKind.bySegment(segment).orElseThrow(() -> new NotFoundException("unknown directory section '"
                + segment + "'; known: " + DirectoryKind.ALL.stream().map(DirectoryKind::segment)
                .collect(Collectors.joining(", "))));
    }

    private Map<String, Object> readObject(byte[] content) {
        JsonNode root;
        try {
            root = json.readTree(content);
        } catch (JacksonException e) {
            String where = e.getLocation() == null || e.getLocation().getLineNr() < 1 ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            String reason = Optional.ofNullable(e.getOriginalMessage()).flatMap(m -> m.lines().findFirst()).orElse("");
            throw new InvalidDirectoryRecordException(List.of("body: malformed JSON" + where + ": " + reason));
        }
        if (root == null || root.isMissingNode() || !root.isObject()) {
            throw new InvalidDirectoryRecordException(List.of("body: the request body must be a JSON object"));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = json.treeToValue(root, LinkedHashMap.class);
        return map;
    }

    /**
     * 400 listing every problem: {@code problems} holds them all as "field: message" strings, {@code field} names the
     * first one's field (the text before its colon).
     */
    @ExceptionHandler(InvalidDirectoryRecordException.class)
    ResponseEntity<ProblemDetail> invalid(InvalidDirectoryRecordException e) {
        String first = e.problems().isEmpty() ? "record" : e.problems().getFirst();
        int colon = first.indexOf(':');
        String field = colon > 0 && first.substring(0, colon).matches("[A-Za-z0-9_.\\[\\]-]+")
                ? first.substring(0, colon) : "body";
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, field, e.problems().size() == 1
                ? "invalid directory record: " + e.problems().getFirst()
                : "invalid directory record: " + e.problems().size() + " problems");
        problem.setTitle("Invalid directory record");
        problem.setProperty("problems", e.problems());
        return ResponseEntity.badRequest().body(problem);
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(NotFoundException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Problems.of(HttpStatus.NOT_FOUND, null, e.getMessage()));
    }

    /** An unknown id or directory section. Answered with 404. */
    static final class NotFoundException extends RuntimeException {
        NotFoundException(String message) {
            super(message);
        }
    }
}
