package dev.afterhours.ingest.web;

import dev.afterhours.ingest.message.NotReadyException;
import dev.afterhours.ingest.message.PipelineBehindException;
import dev.afterhours.ingest.message.PublishFailedException;
import dev.afterhours.security.web.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Ingest's own answers: 503 with Retry-After when Kafka or the registry could not take a write, or the service is
 * still loading; 429 with Retry-After for a routine message while the pipeline is too far behind. Everything
 * cross-cutting (400 for unreadable bodies, 405, 415, 413, 500) is the security module's {@code ApiProblemHandler},
 * which comes after this one.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler({PublishFailedException.class, ServiceUnavailableException.class})
    ResponseEntity<ProblemDetail> unavailable(RuntimeException e) {
        log.warn("Answering 503: {}", e.getMessage());
        return retryLater(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, null,
                "not accepted, nothing was written; retry later (" + e.getMessage() + ")"));
    }

    @ExceptionHandler(NotReadyException.class)
    ResponseEntity<ProblemDetail> notReady(NotReadyException e) {
        return retryLater(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, null, "not ready yet: " + e.getMessage()));
    }

    @ExceptionHandler(PipelineBehindException.class)
    ResponseEntity<ProblemDetail> pipelineBehind(PipelineBehindException e) {
        ProblemDetail problem = Problems.of(HttpStatus.TOO_MANY_REQUESTS, null, "not accepted, nothing was written: "
                + e.getMessage() + ". Retry after " + e.retryAfterSeconds() + "s. Messages on a client's emergency "
                + "line (and on POST /api/v1/messages those with the header 'Priority: urgent') are still accepted.");
        problem.setTitle("Pipeline behind");
        problem.setProperty("backlog", e.backlog());
        problem.setProperty("maxBacklog", e.maxBacklog());
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds())).body(problem);
    }

    private static ResponseEntity<ProblemDetail> retryLater(ProblemDetail problem) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5").body(problem);
    }
}
