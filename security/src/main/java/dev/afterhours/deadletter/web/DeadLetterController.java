package dev.afterhours.deadletter.web;

import dev.afterhours.contracts.deadletter.DeadLetter;
import dev.afterhours.contracts.deadletter.DeadLetterAdmin;
import dev.afterhours.contracts.deadletter.DeadLetterException;
import dev.afterhours.security.Roles;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Admin API over the dead-letter topics this service owns (its {@link DeadLetterAdmin} bean): list what is parked
 * and why, replay one record to its original topic exactly once. The same in every service that parks records;
 * registered by {@link DeadLetterApiConfiguration}. Admins only.
 */
@RestController
@RequestMapping("/api/v1/admin/dead-letters")
@PreAuthorize(Roles.IS_ADMIN)
public class DeadLetterController {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterController.class);
    private static final String UNAVAILABLE = "Kafka could not be reached; nothing was replayed, retry later";

    private final DeadLetterAdmin admin;

    public DeadLetterController(DeadLetterAdmin admin) {
        this.admin = admin;
    }

    @GetMapping
    @ApiResponse(responseCode = "200", description = "The topic's parked records and why each failed")
    @ApiResponse(responseCode = "400", description = "No topic, not a dead-letter topic of this service, or a limit "
            + "that is not a number in range; 'field' names it")
    @ApiResponse(responseCode = "503", description = UNAVAILABLE)
    public Map<String, Object> list(@RequestParam(required = false) String topic,
            @RequestParam(required = false) String limit) {
        if (topic == null || topic.isBlank()) {
            throw new DeadLetterException(DeadLetterException.Kind.INVALID, "topic", "is required; one of "
                    + admin.topics().stream().sorted().toList());
        }
        int max = 50;
        if (limit != null) {
            try {
                max = Integer.parseInt(limit);
            } catch (NumberFormatException e) {
                throw new DeadLetterException(DeadLetterException.Kind.INVALID, "limit", "'" + limit + "' is not a number");
            }
        }
        List<DeadLetter> letters = admin.list(topic, max);
        return Map.of("topic", topic, "deadLetters", letters);
    }

    @PostMapping(path = "/replay", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ApiResponse(responseCode = "200", description = "Replayed to its original topic, exactly once")
    @ApiResponse(responseCode = "400", description = "Not {\"topic\", \"partition\", \"offset\"}; 'field' names what is "
            + "wrong")
    @ApiResponse(responseCode = "404", description = "No dead letter at that topic, partition and offset")
    @ApiResponse(responseCode = "409", description = "Already replayed")
    @ApiResponse(responseCode = "422", description = "Not replayable (e.g. no original topic recorded)")
    @ApiResponse(responseCode = "503", description = UNAVAILABLE)
    public DeadLetterAdmin.Replayed replay(@RequestBody JsonNode body) {
        if (!body.isObject()) {
            throw new DeadLetterException(DeadLetterException.Kind.INVALID, "body", "must be a JSON object");
        }
        for (String name : body.propertyNames()) {
            if (!List.of("topic", "partition", "offset").contains(name)) {
                throw new DeadLetterException(DeadLetterException.Kind.INVALID, name, "unknown field");
            }
        }
        JsonNode topic = body.path("topic");
        if (!topic.isString() || topic.asString().isBlank()) {
            throw new DeadLetterException(DeadLetterException.Kind.INVALID, "topic", "is required, a string");
        }
        JsonNode partition = body.path("partition");
        if (!partition.isIntegralNumber() || !partition.canConvertToInt() || partition.asInt() < 0) {
            throw new DeadLetterException(DeadLetterException.Kind.INVALID, "partition", "is required, a number >= 0");
        }
        JsonNode offset = body.path("offset");
        if (!offset.isIntegralNumber() || !offset.canConvertToLong() || offset.asLong() < 0) {
            throw new DeadLetterException(DeadLetterException.Kind.INVALID, "offset", "is required, a number >= 0");
        }
        return admin.replay(topic.asString(), partition.asInt(), offset.asLong());
    }

    @ExceptionHandler(DeadLetterException.class)
    ProblemDetail problem(DeadLetterException e) {
        HttpStatus status = switch (e.kind()) {
            case INVALID -> HttpStatus.BAD_REQUEST;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case ALREADY_REPLAYED -> HttpStatus.CONFLICT;
            case NOT_REPLAYABLE -> HttpStatus.UNPROCESSABLE_CONTENT;
        };
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, e.field() + ": " + e.getMessage());
        problem.setProperty("field", e.field());
        return problem;
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "body: malformed JSON");
        problem.setProperty("field", "body");
        return problem;
    }

    @ExceptionHandler({KafkaException.class, IllegalStateException.class})
    ProblemDetail unavailable(RuntimeException e) {
        // The cause goes to the log, not to the caller: broker addresses and internals are nobody's business.
        log.warn("Dead-letter request failed, answering 503", e);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "Kafka could not be reached; nothing was replayed, retry later");
        problem.setProperty("field", "topic");
        return problem;
    }
}
