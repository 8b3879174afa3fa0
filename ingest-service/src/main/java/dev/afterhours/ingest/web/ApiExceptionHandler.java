package dev.afterhours.ingest.web;

import dev.afterhours.ingest.message.NotReadyException;
import dev.afterhours.ingest.message.PublishFailedException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The JSON answers every API shares: 413, 415, 405 and 503 (with Retry-After). */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(PayloadTooLargeException.class)
    ResponseEntity<Map<String, Object>> tooLarge(PayloadTooLargeException e) {
        Map<String, Object> body = error(e.getMessage());
        body.put("limitBytes", e.limit().toBytes());
        return json(HttpStatus.CONTENT_TOO_LARGE, body);
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<Map<String, Object>> unsupportedMediaType(HttpMediaTypeNotSupportedException e) {
        return json(HttpStatus.UNSUPPORTED_MEDIA_TYPE, error("Content-Type must be application/json, was "
                + (e.getContentType() == null ? "missing" : "'" + e.getContentType() + "'")));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<Map<String, Object>> methodNotAllowed(HttpRequestMethodNotSupportedException e) {
        return json(HttpStatus.METHOD_NOT_ALLOWED, error(e.getMethod() + " is not supported here; use "
                + e.getSupportedHttpMethods()));
    }

    @ExceptionHandler({PublishFailedException.class, ServiceUnavailableException.class})
    ResponseEntity<Map<String, Object>> unavailable(RuntimeException e) {
        log.warn("Answering 503: {}", e.getMessage());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, "5")
                .contentType(MediaType.APPLICATION_JSON)
                .body(error("not accepted, nothing was written; retry later (" + e.getMessage() + ")"));
    }

    @ExceptionHandler(NotReadyException.class)
    ResponseEntity<Map<String, Object>> notReady(NotReadyException e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, "5")
                .contentType(MediaType.APPLICATION_JSON)
                .body(error("not ready yet: " + e.getMessage()));
    }

    public static Map<String, Object> error(String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        return body;
    }

    private static ResponseEntity<Map<String, Object>> json(HttpStatus status, Map<String, Object> body) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
    }
}
