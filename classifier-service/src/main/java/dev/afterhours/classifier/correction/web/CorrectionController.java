package dev.afterhours.classifier.correction.web;

import dev.afterhours.classifier.correction.Corrections;
import dev.afterhours.classifier.correction.CorrectionsUnavailableException;
import dev.afterhours.classifier.correction.UnknownMessageException;
import dev.afterhours.classifier.correction.UrgencyCorrections;
import dev.afterhours.contracts.UrgencyCorrected;
import dev.afterhours.security.CurrentUser;
import dev.afterhours.security.Roles;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * Staff correct a message's urgency; the corrections come back out as training examples. A 202 is sent only after
 * the broker acknowledged the UrgencyCorrected; when Kafka does not answer in time the answer is 503 and nothing
 * was counted.
 */
@RestController
class CorrectionController {

    static final String NDJSON = "application/x-ndjson";
    static final String SKIPPED_HEADER = "Afterhours-Skipped-Records";
    private static final String UNAVAILABLE = "Kafka did not answer in time; nothing was published, retry after "
            + "Retry-After";

    private static final Logger log = LoggerFactory.getLogger(CorrectionController.class);
    /** Corpus lines keep the key order they are built in (the corpus format's order). */
    private static final JsonMapper CORPUS = JsonMapper.builder().build();

    private final UrgencyCorrections corrections;

    CorrectionController(UrgencyCorrections corrections) {
        this.corrections = corrections;
    }

    /** The published correction, as the API shows it. */
    record CorrectionResponse(String correctionId, String messageId, String clientId, String previousUrgency,
                              List<String> previousReasons, String correctedUrgency, String direction,
                              String correctedBy, String reason, String correctedAt) {

        static CorrectionResponse of(UrgencyCorrected c) {
            return new CorrectionResponse(c.getCorrectionId().toString(), c.getMessageId(), c.getClientId(),
                    c.getPreviousUrgency().name(), List.copyOf(c.getPreviousReasons()), c.getCorrectedUrgency().name(),
                    c.getDirection().name(), c.getCorrectedBy(), c.getReason(), c.getCorrectedAt().toString());
        }
    }

    @PreAuthorize(Roles.IS_STAFF)
    @PostMapping(path = "/api/v1/messages/{id}/urgency", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    @ApiResponse(responseCode = "202", description = "The correction, published (the broker acknowledged it)")
    @ApiResponse(responseCode = "400", description = "Not a valid correction; 'field' names what is wrong")
    @ApiResponse(responseCode = "404", description = "No classification of this message is known ('indexCaughtUp' "
            + "says whether the index has read everything yet)")
    @ApiResponse(responseCode = "503", description = UNAVAILABLE)
    CorrectionResponse correct(@PathVariable String id, @RequestBody(required = false) @Nullable String body,
            Authentication caller) {
        return CorrectionResponse.of(corrections.correct(id, CorrectionRequestParser.parse(body, CurrentUser.id(caller))));
    }

    /** One corpus line per corrected message, the latest correction winning; see {@link Corrections#corpusLine}. */
    @PreAuthorize(Roles.IS_ADMIN)
    @GetMapping(path = "/api/v1/corrections/export", produces = NDJSON)
    @ApiResponse(responseCode = "200", description = "One corpus line per corrected message; "
            + SKIPPED_HEADER + " counts records that could not be read")
    @ApiResponse(responseCode = "503", description = UNAVAILABLE)
    ResponseEntity<byte[]> export() {
        UrgencyCorrections.Export export = corrections.export();
        StringBuilder lines = new StringBuilder();
        export.corrections().forEach(c -> lines.append(CORPUS.writeValueAsString(Corrections.corpusLine(c))).append('\n'));
        // Bytes, not a String: NDJSON is UTF-8, and a String body without a charset would be sent as ISO-8859-1.
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(NDJSON))
                .header(SKIPPED_HEADER, String.valueOf(export.skipped()))
                .body(lines.toString().getBytes(StandardCharsets.UTF_8));
    }

    @ExceptionHandler(InvalidCorrectionRequestException.class)
    ProblemDetail invalid(InvalidCorrectionRequestException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Invalid urgency correction");
        problem.setProperty("field", e.field());
        return problem;
    }

    @ExceptionHandler(UnknownMessageException.class)
    ProblemDetail unknown(UnknownMessageException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setTitle("Unknown message");
        problem.setProperty("id", e.messageId());
        problem.setProperty("indexCaughtUp", e.indexCaughtUp());
        return problem;
    }

    @ExceptionHandler(CorrectionsUnavailableException.class)
    ResponseEntity<ProblemDetail> unavailable(CorrectionsUnavailableException e) {
        log.warn("Correction request failed, answering 503: {}", e.getMessage());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
        problem.setTitle("Kafka unavailable; nothing was published, retry later");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5").body(problem);
    }
}
