package dev.afterhours.ingest.webform.web;

import dev.afterhours.contracts.ClientProfile;
import dev.afterhours.ingest.message.NotReadyException;
import dev.afterhours.ingest.message.PipelineBehindException;
import dev.afterhours.ingest.message.PublishFailedException;
import dev.afterhours.ingest.webform.FormPages;
import dev.afterhours.ingest.webform.FormTexts;
import dev.afterhours.ingest.webform.FormTokens;
import dev.afterhours.ingest.webform.WebFormIntake;
import dev.afterhours.ingest.webform.WebFormIntake.WebFormsNotConfiguredException;
import dev.afterhours.ingest.webform.WebFormMetrics.Outcome;
import dev.afterhours.ingest.webform.WebFormProperties;
import dev.afterhours.ingest.web.BoundedBody;
import dev.afterhours.security.web.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /forms/{slug}}: a client's public web form. No sign-in (the path is in
 * {@code afterhours.security.public-paths}); what keeps abuse out is the form's own: a signed token per page (a form
 * sent back sooner than the minimum fill time, after the token's time to live, or with a token not made here for
 * this form is refused), a honeypot field (filled in: answered like a success, nothing published), a per-address
 * rate limit, and a small body limit. People get HTML pages in the client's language; a program that asks for JSON
 * ({@code Accept: application/json}) gets problem details naming the field.
 */
@RestController
public class WebFormController {

    public static final String FORMS = "/forms";
    private static final Logger log = LoggerFactory.getLogger(WebFormController.class);
    private static final MediaType HTML = new MediaType("text", "html", StandardCharsets.UTF_8);

    private final WebFormIntake forms;
    private final WebFormProperties properties;

    public WebFormController(WebFormIntake forms, WebFormProperties properties) {
        this.forms = forms;
        this.properties = properties;
    }

    @GetMapping(path = FORMS + "/{slug}")
    @Operation(summary = "A client's web form (HTML, in the client's language)", description = "Public. The page "
            + "carries a signed token; send the form back with it no sooner than min-fill-time and within token-ttl.")
    @ApiResponse(responseCode = "200", description = "The form", content = @Content(mediaType = "text/html"))
    @ApiResponse(responseCode = "404", description = "No client has this form slug",
            content = @Content(mediaType = "text/html"))
    @ApiResponse(responseCode = "503", description = "Web forms are not configured (no token key), or the directory "
            + "is still loading",
            content = @Content(mediaType = "text/html"))
    public ResponseEntity<Object> form(@PathVariable String slug, HttpServletRequest request) {
        ClientProfile client = clientOr404(slug);
        FormTexts texts = FormTexts.forLanguage(client.getLanguage());
        return page(HttpStatus.OK, FormPages.form(texts, client.getName(), slug, forms.issueToken(slug), Map.of(),
                Map.of()));
    }

    @PostMapping(path = FORMS + "/{slug}")
    @Operation(summary = "Send a client's web form", description = "Form-encoded: name (optional), contact (an "
            + "e-mail address or phone number), what (what is broken), severity (critical, high, normal, low), token "
            + "(from the page), website (must stay empty). One MessageReceived, channel WEBFORM, for the form's "
            + "client, from the contact, with the severity as header x-afterhours-severity; the same page sent twice "
            + "is one message. Answers a thank-you page in the client's language.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
            mediaType = MediaType.APPLICATION_FORM_URLENCODED_VALUE, schema = @Schema(type = "object")))
    @ApiResponse(responseCode = "200", description = "Taken (or the same page again): the thank-you page",
            content = @Content(mediaType = "text/html"))
    @ApiResponse(responseCode = "400", description = "A field is missing or wrong ('field' names it), or the page "
            + "was sent back too fast or after its time to live ('field': token): the form again, with the problem",
            content = @Content(mediaType = "text/html"))
    @ApiResponse(responseCode = "403", description = "The token was not made here for this form ('field': token)",
            content = @Content(mediaType = "text/html"))
    @ApiResponse(responseCode = "404", description = "No client has this form slug",
            content = @Content(mediaType = "text/html"))
    @ApiResponse(responseCode = "413", description = "Larger than afterhours.ingest.webform.max-body-size (a problem "
            + "detail)")
    @ApiResponse(responseCode = "415", description = "Not application/x-www-form-urlencoded",
            content = @Content(mediaType = "text/html"))
    @ApiResponse(responseCode = "429", description = "Too many forms from this address, or the pipeline is behind; "
            + "Retry-After. Nothing was written",
            content = @Content(mediaType = "text/html"))
    @ApiResponse(responseCode = "503", description = "Not configured, still loading, or nothing could be written",
            content = @Content(mediaType = "text/html"))
    public ResponseEntity<Object> post(@PathVariable String slug, HttpServletRequest request) throws IOException {
        long wait = forms.secondsToWait(request.getRemoteAddr());
        ClientProfile client = clientOr404(slug);
        FormTexts texts = FormTexts.forLanguage(client.getLanguage());
        request.setAttribute(FormTexts.class.getName(), texts); // for the answers of the exception handlers
        if (wait > 0) {
            forms.count(Outcome.RATE_LIMITED);
            return refuse(request, HttpStatus.TOO_MANY_REQUESTS, null, texts.rateLimited(), texts, wait);
        }
        MediaType type = request.getContentType() == null ? null : MediaType.parseMediaType(request.getContentType());
        if (type == null || !MediaType.APPLICATION_FORM_URLENCODED.includes(type)) {
            forms.count(Outcome.INVALID);
            return refuse(request, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "body",
                    "send the form as application/x-www-form-urlencoded", texts, 0);
        }
        Map<String, String> fields = fields(BoundedBody.read(request, properties.maxBodySize()));
        if (!fields.getOrDefault(FormPages.HONEYPOT, "").isEmpty()) {
            // A bot: it is told it worked, so it learns nothing; nothing is published.
            forms.count(Outcome.HONEYPOT);
            log.debug("Web form {}: honeypot filled from {}, nothing published", slug, request.getRemoteAddr());
            return page(HttpStatus.OK, FormPages.thanks(texts, client.getName()));
        }
        FormTokens.Checked token = forms.checkToken(slug, fields.get(FormPages.TOKEN));
        if (token.verdict() == FormTokens.Verdict.FORGED) {
            forms.count(Outcome.FORGED);
            return refuse(request, HttpStatus.FORBIDDEN, FormPages.TOKEN, texts.forged(), texts, 0, client, slug, fields,
                    Map.of("", texts.forged()));
        }
        if (token.verdict() != FormTokens.Verdict.VALID) {
            forms.count(token.verdict() == FormTokens.Verdict.TOO_FAST ? Outcome.TOO_FAST : Outcome.EXPIRED);
            return refuse(request, HttpStatus.BAD_REQUEST, FormPages.TOKEN, texts.retry(), texts, 0, client, slug, fields,
                    Map.of("", texts.retry()));
        }
        Map<String, String> problems = forms.problems(fields, texts);
        if (!problems.isEmpty()) {
            forms.count(Outcome.INVALID);
            Map.Entry<String, String> first = problems.entrySet().iterator().next();
            return refuse(request, HttpStatus.BAD_REQUEST, first.getKey(), first.getValue(), texts, 0, client, slug,
                    fields, problems);
        }
        forms.publish(client, token.nonce(), forms.submission(fields));
        return page(HttpStatus.OK, FormPages.thanks(texts, client.getName()));
    }

    @ExceptionHandler(UnknownFormException.class)
    ResponseEntity<Object> unknown(UnknownFormException e, HttpServletRequest request) {
        FormTexts texts = FormTexts.forLanguage(null);
        return refuse(request, HttpStatus.NOT_FOUND, null, texts.notFound(), texts, 0);
    }

    @ExceptionHandler(WebFormsNotConfiguredException.class)
    ResponseEntity<Object> notConfigured(WebFormsNotConfiguredException e, HttpServletRequest request) {
        return refuse(request, HttpStatus.SERVICE_UNAVAILABLE, null, e.getMessage(), FormTexts.forLanguage(null), 0);
    }

    @ExceptionHandler(PipelineBehindException.class)
    ResponseEntity<Object> behind(PipelineBehindException e, HttpServletRequest request) {
        return refuse(request, HttpStatus.TOO_MANY_REQUESTS, null, textsOf(request).unavailable(), textsOf(request),
                e.retryAfterSeconds());
    }

    @ExceptionHandler({NotReadyException.class, PublishFailedException.class})
    ResponseEntity<Object> unavailable(RuntimeException e, HttpServletRequest request) {
        log.warn("Web form answered 503: {}", e.getMessage());
        return refuse(request, HttpStatus.SERVICE_UNAVAILABLE, null, textsOf(request).unavailable(), textsOf(request), 5);
    }

    private ClientProfile clientOr404(String slug) {
        return forms.client(slug).orElseThrow(UnknownFormException::new);
    }

    /** The texts of the form the request is for, when known; English otherwise. */
    private FormTexts textsOf(HttpServletRequest request) {
        Object texts = request.getAttribute(FormTexts.class.getName());
        return texts instanceof FormTexts known ? known : FormTexts.forLanguage(null);
    }

    private ResponseEntity<Object> refuse(HttpServletRequest request, HttpStatus status, @Nullable String field,
            String detail, FormTexts texts, long retryAfter) {
        return refuse(request, status, field, detail, texts, retryAfter, null, null, Map.of(), Map.of());
    }

    /**
     * HTML for people (the form again with its problems, when there is a form to show; else a page saying what is
     * wrong), a problem detail naming the field for a program that asks for JSON.
     */
    private ResponseEntity<Object> refuse(HttpServletRequest request, HttpStatus status, @Nullable String field,
            String detail, FormTexts texts, long retryAfter, @Nullable ClientProfile client, @Nullable String slug,
            Map<String, String> values, Map<String, String> problems) {
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(status);
        if (retryAfter > 0) {
            answer.header(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
        }
        if (wantsJson(request)) {
            ProblemDetail problem = Problems.of(status, field, detail);
            problem.setInstance(java.net.URI.create(request.getRequestURI()));
            return answer.contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
        }
        String html = client != null && slug != null
                ? FormPages.form(texts, client.getName(), slug, forms.issueToken(slug), values, problems)
                : FormPages.message(texts, status.value() + " " + status.getReasonPhrase(), detail);
        return answer.contentType(HTML).header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("Content-Security-Policy", FormPages.CONTENT_SECURITY_POLICY).body(html);
    }

    private static ResponseEntity<Object> page(HttpStatus status, String html) {
        return ResponseEntity.status(status).contentType(HTML).header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("Content-Security-Policy", FormPages.CONTENT_SECURITY_POLICY).body(html);
    }

    /** A program (not a browser) that asked for JSON. */
    private static boolean wantsJson(HttpServletRequest request) {
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        return accept != null && accept.contains("json") && !accept.contains("text/html");
    }

    /** Form-encoded fields; a field sent twice keeps its first value. */
    static Map<String, String> fields(byte[] body) {
        Map<String, String> fields = new LinkedHashMap<>();
        String text = new String(body, StandardCharsets.UTF_8);
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                fields.putIfAbsent(name, value);
            } catch (IllegalArgumentException e) {
                // a broken %-escape: the field is left out, and reported as missing if it was needed
            }
        }
        return fields;
    }

    /** No client has this slug. */
    static final class UnknownFormException extends RuntimeException {
        UnknownFormException() {
            super("no such form");
        }
    }
}
