package dev.afterhours.ingest.twilio.web;

import dev.afterhours.ingest.twilio.CallerAnswers.VoicemailCallbacks;
import dev.afterhours.ingest.twilio.InvalidTwilioRequestException;
import dev.afterhours.ingest.twilio.TwilioIntake;
import dev.afterhours.ingest.twilio.TwilioMetrics;
import dev.afterhours.ingest.twilio.TwilioMetrics.Outcome;
import dev.afterhours.ingest.twilio.TwilioMetrics.Webhook;
import dev.afterhours.ingest.twilio.TwilioSignatures;
import dev.afterhours.security.web.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * Twilio's webhooks, {@code /api/v1/inbound/twilio/...}. No bearer token: the path is in
 * {@code afterhours.security.public-paths}, and {@code X-Twilio-Signature} is the authentication, checked before
 * anything else is read; a missing or wrong one is a 403 problem detail (Twilio does not retry a 4xx) and nothing is
 * written. Answers are TwiML ({@code application/xml}); a caller never hears an error.
 */
@RestController
@RequestMapping(path = TwilioWebhookController.BASE, consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
public class TwilioWebhookController {

    public static final String BASE = "/api/v1/inbound/twilio";
    public static final String SMS = BASE + "/sms";
    public static final String VOICE = BASE + "/voice";
    public static final String RECORDING = VOICE + "/recording";
    public static final String TRANSCRIPTION = VOICE + "/transcription";
    public static final String STATUS = VOICE + "/status";
    public static final String SIGNATURE_HEADER = "X-Twilio-Signature";

    private static final MediaType TWIML = MediaType.APPLICATION_XML;

    /** What every webhook answers besides its TwiML, for the OpenAPI description. */
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, description = "Twilio's webhook "
            + "parameters, form-encoded, exactly as Twilio posts them (MessageSid/CallSid, From, To, ...), signed in "
            + "the X-Twilio-Signature header", content = @Content(mediaType = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
            schema = @Schema(type = "object")))
    @ApiResponse(responseCode = "200", description = "TwiML", content = @Content(mediaType = "application/xml",
            schema = @Schema(type = "string")))
    @ApiResponse(responseCode = "400", description = "Signed, but without a parameter Twilio always sends; 'field' "
            + "names it (a URL configured for the wrong kind of webhook)")
    @ApiResponse(responseCode = "403", description = "X-Twilio-Signature missing or not made with the account's auth "
            + "token over this URL and these parameters (or no auth token is configured); nothing was written")
    @interface TwilioWebhook {
    }

    private final TwilioSignatures signatures;
    private final TwilioIntake intake;
    private final TwilioMetrics metrics;

    public TwilioWebhookController(TwilioSignatures signatures, TwilioIntake intake, TwilioMetrics metrics) {
        this.signatures = signatures;
        this.intake = intake;
        this.metrics = metrics;
    }

    @PostMapping("/sms")
    @TwilioWebhook
    @Operation(summary = "An incoming SMS or MMS (the number's 'A message comes in' webhook)",
            description = "One MessageReceived, channel SMS, for the client whose line 'To' is; a MessageSid already "
                    + "taken publishes nothing. Answers an empty <Response/>: the acknowledgement is the notifier's.")
    @ApiResponse(responseCode = "503", description = "Nothing was written (Kafka, or still loading); Retry-After")
    public ResponseEntity<String> sms(HttpServletRequest request) {
        return twiml(intake.sms(signed(request, Webhook.SMS)));
    }

    @PostMapping("/voice")
    @TwilioWebhook
    @Operation(summary = "An incoming call (the number's 'A call comes in' webhook)", description = "On a client's "
            + "emergency line the message is published first and the caller hears that the person on call is being "
            + "paged; on a routine line, and on a number no client has, the caller is offered voicemail.")
    public ResponseEntity<String> voice(HttpServletRequest request) {
        Map<String, String> params = signed(request, Webhook.VOICE);
        VoicemailCallbacks callbacks = new VoicemailCallbacks(publicUrl(request, RECORDING), publicUrl(request, TRANSCRIPTION));
        return twiml(intake.incomingCall(params, callbacks));
    }

    @PostMapping("/voice/recording")
    @TwilioWebhook
    @Operation(summary = "A voicemail's recording (the <Record> action Afterhours' TwiML names)", description = "Kept "
            + "until its transcription arrives, or published without text after afterhours.ingest.twilio.voicemail-timeout.")
    public ResponseEntity<String> recording(HttpServletRequest request) {
        return twiml(intake.recording(signed(request, Webhook.RECORDING)));
    }

    @PostMapping("/voice/transcription")
    @TwilioWebhook
    @Operation(summary = "A voicemail's transcription (the transcribeCallback Afterhours' TwiML names)",
            description = "The voicemail becomes one MessageReceived, channel VOICE, with the text; a RecordingSid "
                    + "already taken publishes nothing.")
    public ResponseEntity<String> transcription(HttpServletRequest request) {
        intake.transcription(signed(request, Webhook.TRANSCRIPTION));
        return twiml(intake.nothingToSay());
    }

    @PostMapping("/voice/status")
    @TwilioWebhook
    @Operation(summary = "A call's status (the number's 'Call status changes' callback)", description = "A call that "
            + "ended without a voicemail or an emergency message is published as a missed call, once per CallSid.")
    @ApiResponse(responseCode = "503", description = "Nothing was written (Kafka, or still loading); Retry-After")
    public ResponseEntity<String> status(HttpServletRequest request) {
        intake.callStatus(signed(request, Webhook.STATUS));
        return twiml(intake.nothingToSay());
    }

    @ExceptionHandler(ForgedRequestException.class)
    ResponseEntity<ProblemDetail> forged(ForgedRequestException e) {
        ProblemDetail problem = Problems.of(HttpStatus.FORBIDDEN, SIGNATURE_HEADER, e.getMessage());
        problem.setTitle("Not signed by Twilio");
        return ResponseEntity.status(HttpStatus.FORBIDDEN).body(problem);
    }

    @ExceptionHandler(InvalidTwilioRequestException.class)
    ResponseEntity<ProblemDetail> invalid(InvalidTwilioRequestException e, HttpServletRequest request) {
        metrics.webhook(webhookOf(request.getRequestURI()), Outcome.INVALID);
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, e.field(), e.getMessage());
        problem.setTitle("Not a Twilio webhook of this kind");
        return ResponseEntity.badRequest().body(problem);
    }

    /** The form parameters, once the signature over them and the URL has been checked. */
    private Map<String, String> signed(HttpServletRequest request, Webhook webhook) {
        Map<String, String> params = formParams(request);
        if (!signatures.verify(request.getRequestURL().toString(), request.getRequestURI(), request.getQueryString(),
                params, request.getHeader(SIGNATURE_HEADER))) {
            metrics.webhook(webhook, Outcome.FORBIDDEN);
            throw new ForgedRequestException(signatures.configured()
                    ? "X-Twilio-Signature is missing or does not match this URL and these parameters; if a proxy stands "
                    + "in front of this service, set afterhours.ingest.twilio.public-base-url to the URL Twilio calls"
                    : "Twilio webhooks are not configured: afterhours.ingest.twilio.auth-token is not set");
        }
        return params;
    }

    private static Webhook webhookOf(String path) {
        if (path.endsWith(RECORDING)) {
            return Webhook.RECORDING;
        } else if (path.endsWith(TRANSCRIPTION)) {
            return Webhook.TRANSCRIPTION;
        } else if (path.endsWith(STATUS)) {
            return Webhook.STATUS;
        }
        return path.endsWith(SMS) ? Webhook.SMS : Webhook.VOICE;
    }

    private String publicUrl(HttpServletRequest request, String path) {
        return signatures.publicUrl(request.getRequestURL().toString(), request.getRequestURI(), path);
    }

    /**
     * The POST body's parameters alone: the servlet API merges them with the query string's, which Twilio signs as
     * part of the URL instead. Twilio sends each parameter once; a repeated one keeps its first value.
     */
    static Map<String, String> formParams(HttpServletRequest request) {
        Map<String, List<String>> query = new HashMap<>();
        if (request.getQueryString() != null) {
            UriComponentsBuilder.newInstance().query(request.getQueryString()).build().getQueryParams()
                    .forEach((name, values) -> query.put(decode(name), values.stream()
                            .map(value -> value == null ? "" : decode(value)).toList()));
        }
        Map<String, String> form = new LinkedHashMap<>();
        request.getParameterMap().forEach((name, values) -> {
            List<String> remaining = new ArrayList<>(List.of(values));
            query.getOrDefault(name, List.of()).forEach(remaining::remove);
            if (!remaining.isEmpty()) {
                form.put(name, remaining.getFirst());
            }
        });
        return form;
    }

    private static String decode(String value) {
        return UriUtils.decode(value.replace('+', ' '), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static ResponseEntity<String> twiml(String xml) {
        return ResponseEntity.ok().contentType(TWIML).body(xml);
    }

    /** A missing or wrong signature. */
    static final class ForgedRequestException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ForgedRequestException(String message) {
            super(message);
        }
    }
}
