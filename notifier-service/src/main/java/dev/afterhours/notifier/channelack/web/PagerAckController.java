package dev.afterhours.notifier.channelack.web;

import com.twilio.twiml.MessagingResponse;
import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.messaging.Message;
import com.twilio.twiml.voice.Hangup;
import com.twilio.twiml.voice.Say;
import dev.afterhours.notifier.channelack.ChannelAcks;
import dev.afterhours.notifier.channelack.ChannelAcks.Acknowledged;
import dev.afterhours.notifier.channelack.ChannelAcks.NotAcknowledged;
import dev.afterhours.notifier.channelack.ChannelAcks.NotUnderstood;
import dev.afterhours.notifier.channelack.ChannelAcks.NothingOpen;
import dev.afterhours.notifier.channelack.ChannelAcks.Outcome;
import dev.afterhours.notifier.channelack.ChannelAcks.Refused;
import dev.afterhours.notifier.channelack.ReplayGuards;
import dev.afterhours.security.slack.SlackSignatures;
import dev.afterhours.notifier.channelack.TwilioRequests;
import dev.afterhours.notifier.delivery.SlackPoster;
import dev.afterhours.security.web.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Acknowledgements from where the page reached the person, {@code /api/v1/pager/...}. No bearer token (the paths are in
 * {@code afterhours.security.public-paths}) only because each checks the provider's signature first, over the raw
 * request, before anything is read from it: Twilio's {@code X-Twilio-Signature} (Twilio's RequestValidator, over the
 * public URL), Slack's {@code X-Slack-Signature} (v0, five-minute window). A missing or wrong signature, a sender who
 * is not the person paged, or a token Afterhours did not sign is a 403 problem detail; a request already taken (the
 * same MessageSid, the same Slack signature) is a 409. None of those acknowledges anything.
 */
@RestController
@RequestMapping(path = "/api/v1/pager", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
public class PagerAckController {

    public static final String SMS = "/api/v1/pager/twilio/sms";
    public static final String SLACK = "/api/v1/pager/slack/interactions";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ChannelAcks acks;
    private final TwilioRequests twilio;
    private final SlackSignatures slackSignatures;
    private final SlackPoster slack;
    private final ReplayGuards replays;

    public PagerAckController(ChannelAcks acks, TwilioRequests twilio, SlackSignatures slackSignatures, SlackPoster slack,
            ReplayGuards replays) {
        this.acks = acks;
        this.twilio = twilio;
        this.slackSignatures = slackSignatures;
        this.slack = slack;
        this.replays = replays;
    }

    @PostMapping("/twilio/sms")
    @Operation(summary = "A staff member's SMS reply to the pager number (Twilio's 'A message comes in' webhook)",
            description = "Signed by Twilio. '1' or 'ack' (any case) from a staff member's phone acknowledges their "
                    + "latest open page; answers TwiML with a confirmation, or with what to reply.")
    @ApiResponse(responseCode = "200", description = "TwiML (application/xml): the reply the person gets")
    @ApiResponse(responseCode = "403", description = "Not signed by Twilio, or not from a staff member's phone")
    @ApiResponse(responseCode = "409", description = "This MessageSid was already taken (a replay)")
    public ResponseEntity<?> sms(HttpServletRequest request) throws IOException {
        Map<String, String> form = ChannelAcks.form(new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        if (!twilio.verify(request.getRequestURI(), request.getQueryString(), form, request.getHeader(TwilioRequests.SIGNATURE_HEADER))) {
            return notSignedByTwilio();
        }
        String sid = form.getOrDefault("MessageSid", "");
        if (sid.isBlank() || !replays.sms().firstSeen(sid)) {
            return problem(HttpStatus.CONFLICT, "MessageSid", "Already taken",
                    "this message (MessageSid) was already handled, or has no MessageSid; nothing was acknowledged");
        }
        Outcome outcome = acks.smsReply(form.getOrDefault("From", ""), form.getOrDefault("Body", ""));
        String reply = switch (outcome) {
            case Acknowledged a -> a.already()
                    ? "Already acknowledged by " + a.ack().staffId() + " at " + a.ack().acknowledgedAt() + ": " + a.clientName()
                    + ": " + a.summary()
                    : "Acknowledged: " + a.clientName() + ": " + a.summary() + ". It is yours; nobody else will be paged.";
            case NothingOpen n -> "Nothing to acknowledge: " + n.why() + ".";
            case NotUnderstood n -> "Reply 1 or ACK to acknowledge your latest page.";
            case NotAcknowledged n -> "Not acknowledged: " + n.why() + ".";
            case Refused r -> null;
        };
        if (reply == null) {
            return refused((Refused) outcome);
        }
        return twiml(new MessagingResponse.Builder().message(new Message.Builder(reply).build()).build().toXml());
    }

    @PostMapping("/twilio/voice/{notificationId}/ack")
    @Operation(summary = "The key pressed on a voice page (the <Gather> action its TwiML names)",
            description = "Signed by Twilio over this URL, which carries the page's signed token. Digit 1, on a call "
                    + "to the paged person's phone, acknowledges that page; answers TwiML saying what happened.")
    @ApiResponse(responseCode = "200", description = "TwiML (application/xml): what the person hears")
    @ApiResponse(responseCode = "403", description = "Not signed by Twilio, a token Afterhours did not sign, or a call "
            + "to someone else's phone")
    public ResponseEntity<?> keyPress(@PathVariable String notificationId, HttpServletRequest request) throws IOException {
        Map<String, String> form = ChannelAcks.form(new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        if (!twilio.verify(request.getRequestURI(), request.getQueryString(), form, request.getHeader(TwilioRequests.SIGNATURE_HEADER))) {
            return notSignedByTwilio();
        }
        Outcome outcome = acks.keyPress(notificationId, request.getQueryString(), form.get("Digits"), form.get("To"));
        String words = switch (outcome) {
            case Acknowledged a -> a.already()
                    ? "This page was already acknowledged by " + a.ack().staffId() + ". Goodbye."
                    : "Acknowledged. Thank you, " + a.staff().getName() + ". Nobody else will be paged. Goodbye.";
            case NothingOpen n -> "There is nothing left to acknowledge. Goodbye.";
            case NotAcknowledged n -> "Not acknowledged. Goodbye.";
            case NotUnderstood n -> "Not acknowledged. Goodbye.";
            case Refused r -> null;
        };
        if (words == null) {
            return refused((Refused) outcome);
        }
        return twiml(new VoiceResponse.Builder().say(new Say.Builder(words).build()).hangup(new Hangup.Builder().build())
                .build().toXml());
    }

    @PostMapping("/slack/interactions")
    @Operation(summary = "A press of a Slack page's Acknowledge button (the app's Interactivity request URL)",
            description = "Signed by Slack (v0, at most five minutes old). The user who pressed it must be the paged "
                    + "person's slackUserId; the button's value is the page's signed token. The person is told the "
                    + "result in a direct message.")
    @ApiResponse(responseCode = "200", description = "{\"acknowledged\": true|false, \"text\": ...}")
    @ApiResponse(responseCode = "400", description = "Signed, but not a block_actions payload with our button")
    @ApiResponse(responseCode = "403", description = "Not signed by Slack (or too old), pressed by someone else, or a "
            + "token Afterhours did not sign")
    @ApiResponse(responseCode = "409", description = "This very request was already taken (a replay)")
    public ResponseEntity<?> slackInteraction(HttpServletRequest request) throws IOException {
        byte[] body = request.getInputStream().readAllBytes();
        String signature = request.getHeader(SlackSignatures.SIGNATURE_HEADER);
        SlackSignatures.Verdict verdict = slackSignatures.verify(request.getHeader(SlackSignatures.TIMESTAMP_HEADER),
                body, signature);
        if (verdict != SlackSignatures.Verdict.VALID) {
            return problem(HttpStatus.FORBIDDEN, SlackSignatures.SIGNATURE_HEADER, "Not signed by Slack", verdict.why());
        }
        if (signature == null || !replays.slack().firstSeen(signature.strip())) {
            return problem(HttpStatus.CONFLICT, SlackSignatures.SIGNATURE_HEADER, "Already taken",
                    "this request was already handled; nothing was acknowledged");
        }
        JsonNode payload;
        try {
            payload = JSON.readTree(ChannelAcks.form(new String(body, StandardCharsets.UTF_8)).getOrDefault("payload", ""));
        } catch (RuntimeException e) {
            return problem(HttpStatus.BAD_REQUEST, "payload", "Not an interaction", "payload is not JSON");
        }
        String userId = payload.path("user").path("id").asString("");
        JsonNode action = payload.path("actions").path(0);
        if (!"block_actions".equals(payload.path("type").asString("")) || userId.isBlank()
                || !SlackPoster.ACK_ACTION.equals(action.path("action_id").asString(""))) {
            return problem(HttpStatus.BAD_REQUEST, "payload", "Not an interaction",
                    "expected a block_actions payload from the " + SlackPoster.ACK_ACTION + " button, with user.id");
        }
        Outcome outcome = acks.slackButton(userId, action.path("value").asString(""));
        String text = switch (outcome) {
            case Acknowledged a -> a.already()
                    ? "Already acknowledged by " + a.ack().staffId() + " at " + a.ack().acknowledgedAt() + "."
                    : "Acknowledged: " + a.clientName() + ": " + a.summary() + ". It is yours; nobody else will be paged.";
            case NothingOpen n -> "Nothing to acknowledge: " + n.why() + ".";
            case NotAcknowledged n -> "Not acknowledged: " + n.why() + ".";
            case NotUnderstood n -> "Not acknowledged.";
            case Refused r -> null;
        };
        if (text == null) {
            return refused((Refused) outcome);
        }
        // Told in a direct message, off the request thread: Slack wants its answer within 3 seconds.
        Thread.ofVirtual().name("slack-ack-confirmation").start(() -> slack.tell(userId, text, "ack-confirmation"));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("acknowledged", outcome instanceof Acknowledged a && !a.already(), "text", text));
    }

    private ResponseEntity<ProblemDetail> notSignedByTwilio() {
        return problem(HttpStatus.FORBIDDEN, TwilioRequests.SIGNATURE_HEADER, "Not signed by Twilio", twilio.configured()
                ? "X-Twilio-Signature is missing or does not match this URL and these parameters; behind a proxy, set "
                + "afterhours.notifier.twilio.public-base-url to the URL Twilio calls"
                : "Twilio is not configured: afterhours.notifier.twilio.auth-token is not set");
    }

    private static ResponseEntity<ProblemDetail> refused(Refused refused) {
        return problem(HttpStatus.FORBIDDEN, refused.field(), "Not acknowledged", refused.why());
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, @Nullable String field, String title, String detail) {
        ProblemDetail problem = Problems.of(status, field, detail);
        problem.setTitle(title);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static ResponseEntity<String> twiml(String xml) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_XML).body(xml);
    }
}
