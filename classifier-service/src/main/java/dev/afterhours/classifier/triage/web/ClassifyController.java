package dev.afterhours.classifier.triage.web;

import dev.afterhours.classifier.triage.MessageTriage;
import dev.afterhours.contracts.MessageClassified;
import dev.afterhours.security.Roles;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * A preview: what the pipeline would decide about a message, without publishing anything. Uses the same
 * {@link MessageTriage} (classifier, directory, calendars) as the Kafka listener.
 */
@RestController
class ClassifyController {

    private final MessageTriage triage;
    private final Clock clock;

    ClassifyController(MessageTriage triage, Clock clock) {
        this.triage = triage;
        this.clock = clock;
    }

    record ClassifyResponse(String urgency, double confidence, List<String> reasons, boolean needsResponse,
                            boolean autoReply, String afterHours, String clientLocalTime) {

        static ClassifyResponse of(MessageClassified classified) {
            return new ClassifyResponse(classified.getUrgency().name(), classified.getConfidence(),
                    classified.getReasons(), classified.getNeedsResponse(), classified.getAutoReply(),
                    classified.getAfterHoursStatus().name(), classified.getClientLocalTime());
        }
    }

    @PreAuthorize(Roles.IS_STAFF)
    @PostMapping(path = "/api/v1/classify", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @ApiResponse(responseCode = "200", description = "What the pipeline would decide; nothing is published")
    @ApiResponse(responseCode = "400", description = "Not a valid message; 'field' names what is wrong")
    ClassifyResponse classify(@RequestBody(required = false) @Nullable Map<String, Object> request) {
        return ClassifyResponse.of(triage.classify(PreviewRequest.toMessage(request, clock.instant()), clock.instant()));
    }

    @ExceptionHandler(InvalidRequestException.class)
    ProblemDetail invalid(InvalidRequestException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Invalid classify request");
        problem.setProperty("field", e.field());
        return problem;
    }
}
