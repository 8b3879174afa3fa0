package dev.afterhours.security.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MissingPathVariableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;

/**
 * The errors every endpoint of every service can meet, as RFC 9457 problem details: a body that is not JSON (400,
 * {@code field: body}), a body over the limit (413), a wrong content type (415), a method the path does not take
 * (405), a missing or mistyped parameter (400 naming it), an unknown path (404), and anything nobody expected (500,
 * with a generic detail: the exception is logged, never sent). Last in line: a service's own handlers, for its
 * domain's exceptions, come first.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class ApiProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiProblemHandler.class);

    static final String UNEXPECTED = "Something went wrong on our side; nothing more is said here, and it has been "
            + "logged. Retry, and tell the operators if it persists.";

    @ExceptionHandler(BodyTooLargeException.class)
    ResponseEntity<ProblemDetail> tooLarge(BodyTooLargeException e) {
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(Problems.tooLarge(e));
    }

    /** A Content-Type that is not a media type at all, met by an endpoint that does not say what it consumes. */
    @ExceptionHandler(InvalidMediaTypeException.class)
    ResponseEntity<ProblemDetail> notAMediaType(InvalidMediaTypeException e) {
        return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE).body(Problems.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                null, "Content-Type '" + e.getMediaType() + "' is not a media type; send application/json"));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) throws Exception {
        if (e instanceof AccessDeniedException || e instanceof AuthenticationException) {
            throw e; // the security chain answers these, 401 or 403, with the bearer challenge
        }
        Optional<BodyTooLargeException> tooLarge = cause(e, BodyTooLargeException.class);
        if (tooLarge.isPresent()) {
            return tooLarge(tooLarge.get());
        }
        if (e instanceof IllegalArgumentException && wildcardContentType(request)) {
            // Spring refuses to read a body declared "*/*" with an IllegalArgumentException: the caller's mistake.
            return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE).body(Problems.of(
                    HttpStatus.UNSUPPORTED_MEDIA_TYPE, null, "Content-Type '" + request.getContentType()
                            + "' is a wildcard, not the type of a body; send application/json"));
        }
        log.error("Unexpected error answering {} {}; answering 500", request.getMethod(), request.getRequestURI(), e);
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
                .body(Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, null, UNEXPECTED));
    }

    private static boolean wildcardContentType(HttpServletRequest request) {
        String contentType = request.getContentType();
        if (contentType == null) {
            return false;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return type.isWildcardType() || type.isWildcardSubtype();
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Optional<BodyTooLargeException> tooLarge = cause(e, BodyTooLargeException.class);
        if (tooLarge.isPresent()) {
            return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(Problems.tooLarge(tooLarge.get()));
        }
        String where = cause(e, JacksonException.class).map(JacksonException::getLocation)
                .filter(l -> l.getLineNr() > 0).map(ApiProblemHandler::where).orElse("");
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "body",
                "body: missing, or not a JSON value of the expected shape" + where);
        return handleExceptionInternal(e, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = e.getBody();
        problem.setDetail("Content-Type must be one of " + e.getSupportedMediaTypes() + ", was "
                + (e.getContentType() == null ? "missing" : "'" + e.getContentType() + "'"));
        return handleExceptionInternal(e, problem, headers, status, request);
    }

    /** Adds {@code field} to the problems Spring MVC builds, wherever it knows the field. */
    @Override
    protected @Nullable ResponseEntity<Object> handleExceptionInternal(Exception e, @Nullable Object body,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ResponseEntity<Object> answer = super.handleExceptionInternal(e, body, headers, status, request);
        if (answer != null && answer.getBody() instanceof ProblemDetail problem) {
            String field = field(e);
            if (field != null && (problem.getProperties() == null || !problem.getProperties().containsKey("field"))) {
                problem.setProperty("field", field);
            }
            if (problem.getStatus() == HttpStatus.INTERNAL_SERVER_ERROR.value()) {
                log.error("Answering {} to {}", problem.getStatus(), request.getDescription(false), e);
                problem.setDetail(UNEXPECTED);
            } else if (problem.getStatus() >= 500) {
                // Said on purpose (503 "not ready yet, retry"): the caller gets the reason, the log one line.
                log.warn("Answering {} to {}: {}", problem.getStatus(), request.getDescription(false), problem.getDetail());
            }
        }
        return answer;
    }

    private static @Nullable String field(Exception e) {
        return switch (e) {
            case MissingServletRequestParameterException missing -> missing.getParameterName();
            case MethodArgumentTypeMismatchException mismatch -> mismatch.getName();
            case TypeMismatchException mismatch -> mismatch.getPropertyName();
            case MissingPathVariableException missing -> missing.getVariableName();
            case HttpMessageNotReadableException unreadable -> "body";
            default -> null;
        };
    }

    private static String where(TokenStreamLocation location) {
        return " (at line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    static <T extends Throwable> Optional<T> cause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return Optional.of(type.cast(t));
            }
        }
        return Optional.empty();
    }
}
