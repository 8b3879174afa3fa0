package dev.afterhours.security.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds the RFC 9457 problem details every Afterhours endpoint answers errors with: {@code field} names the
 * offending field (a JSON path like {@code attachments[0].fileName}, a parameter, or {@code body} for the body as a
 * whole). Also writes one straight to a servlet response, for filters that answer before any controller.
 */
public final class Problems {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Problems() {
    }

    /** A problem naming the field, or none if {@code field} is null. */
    public static ProblemDetail of(HttpStatusCode status, @Nullable String field, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        if (field != null) {
            problem.setProperty("field", field);
        }
        return problem;
    }

    /** 413, with the limit in bytes as {@code limitBytes}. */
    public static ProblemDetail tooLarge(BodyTooLargeException e) {
        ProblemDetail problem = of(HttpStatus.CONTENT_TOO_LARGE, "body", e.getMessage());
        problem.setProperty("limitBytes", e.limit().toBytes());
        return problem;
    }

    /** Writes a problem as {@code application/problem+json}, for code that runs outside Spring MVC. */
    public static void write(HttpServletResponse response, ProblemDetail problem, @Nullable String instance)
            throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        @Nullable URI type = problem.getType();
        body.put("type", type == null ? "about:blank" : type.toString());
        body.put("title", problem.getTitle());
        body.put("status", problem.getStatus());
        body.put("detail", problem.getDetail());
        if (instance != null) {
            body.put("instance", instance);
        }
        Map<String, @Nullable Object> properties = problem.getProperties();
        if (properties != null) {
            body.putAll(properties);
        }
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getOutputStream().write(JSON.writeValueAsBytes(body));
        response.flushBuffer();
    }
}
