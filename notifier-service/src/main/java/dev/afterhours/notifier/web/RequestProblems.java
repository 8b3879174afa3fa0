package dev.afterhours.notifier.web;

import dev.afterhours.security.web.Problems;
import java.time.DateTimeException;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * What the notifier's controllers throw for a request they refuse, answered as problem details: {@link BadRequest}
 * (400, naming the field) and {@link NotFound} (404); and the parsing of parameters they share.
 */
@RestControllerAdvice
public class RequestProblems {

    /** A request value that is wrong; the message says why, without the field (it is put in front). */
    public static final class BadRequest extends RuntimeException {
        private final String field;

        public BadRequest(String field, String message) {
            super(message);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    /** What the request names does not exist. */
    public static final class NotFound extends RuntimeException {
        public NotFound(String message) {
            super(message);
        }
    }

    /** An optional ISO-8601 instant parameter: {@code otherwise} when absent, a {@link BadRequest} naming it when not one. */
    public static Instant instant(String field, @Nullable String value, Instant otherwise) {
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeException e) {
            throw new BadRequest(field, "'" + value + "' is not an ISO-8601 instant like 2026-12-24T22:00:00Z");
        }
    }

    @ExceptionHandler(BadRequest.class)
    ResponseEntity<ProblemDetail> bad(BadRequest e) {
        return ResponseEntity.badRequest().body(Problems.of(HttpStatus.BAD_REQUEST, e.field, e.field + ": " + e.getMessage()));
    }

    @ExceptionHandler(NotFound.class)
    ResponseEntity<ProblemDetail> notFound(NotFound e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Problems.of(HttpStatus.NOT_FOUND, null, e.getMessage()));
    }
}
