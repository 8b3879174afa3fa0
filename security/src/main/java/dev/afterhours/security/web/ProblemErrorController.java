package dev.afterhours.security.web;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The {@code /error} page in the same shape as everything else: what the container itself refuses (a malformed
 * request line, a header too large, a {@code sendError} from a filter) is a problem detail too, with the status's
 * own words and never an exception message. Not an endpoint of the API, so not in its OpenAPI description.
 */
@Hidden
@RestController
public class ProblemErrorController implements ErrorController {

    @RequestMapping(path = "${server.error.path:${error.path:/error}}", produces = MediaType.ALL_VALUE)
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer value && HttpStatus.resolve(value) != null
                ? HttpStatus.valueOf(value) : HttpStatus.INTERNAL_SERVER_ERROR;
        String detail = status.is5xxServerError() ? ApiProblemHandler.UNEXPECTED
                : status.getReasonPhrase() + ": the request was refused before it reached an endpoint.";
        ProblemDetail problem = Problems.of(status, null, detail);
        if (request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String uri) {
            try {
                problem.setInstance(URI.create(uri));
            } catch (IllegalArgumentException notAUri) {
                // a request line the container refused may not be a URI at all: leave instance out
            }
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
