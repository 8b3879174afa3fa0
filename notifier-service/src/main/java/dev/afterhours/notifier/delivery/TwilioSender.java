package dev.afterhours.notifier.delivery;

import com.twilio.http.HttpMethod;
import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Gather;
import com.twilio.twiml.voice.Hangup;
import com.twilio.twiml.voice.Say;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SMS and voice pages through Twilio's REST API: {@code POST /2010-04-01/Accounts/{sid}/Messages.json} (To, From, Body)
 * and {@code .../Calls.json} (To, From, Twiml), with HTTP basic auth (account SID, auth token), to a configurable base
 * URL. Plain form POSTs rather than the SDK's REST client: the SDK builds its URLs from Twilio's fixed domains, and
 * the two resources need nothing more than a form and a status code. The call's TwiML, built with the SDK's own
 * TwiML builders (which escape the text), reads the page and gathers one key; its action carries the page's signed
 * acknowledgement token, and Twilio signs the request it makes to it.
 *
 * <p>Retries ({@code delivery-attempts}, backoff) only what cannot have reached Twilio or what Twilio refused before
 * taking it (a refused connection, 429, 5xx). A request that got no answer in time is not retried: the text may have
 * gone out, and a page is never sent twice. Any other refusal (a 4xx: a bad number, a wrong token) is not retried
 * either; the error records the status and Twilio's error code, never the answer's text.
 */
public final class TwilioSender {

    /** Where the voice page's key press is posted: {@code /api/v1/pager/twilio/voice/{notificationId}/ack}. */
    public static final String VOICE_ACK_PATH = "/api/v1/pager/twilio/voice/";
    public static final String VOICE_ACK_SUFFIX = "/ack";

    private static final Logger log = LoggerFactory.getLogger(TwilioSender.class);
    private static final Pattern ERROR_CODE = Pattern.compile("\"code\"\\s*:\\s*([0-9]{1,6})");

    private final TwilioProperties properties;
    private final String publicBaseUrl;
    private final int attempts;
    private final Duration backoff;
    private final HttpClient http;

    /** @param defaultPublicBaseUrl where people reach this service, when no Twilio-specific one is configured */
    public TwilioSender(TwilioProperties properties, URI defaultPublicBaseUrl, int attempts, Duration backoff) {
        this.properties = properties;
        this.publicBaseUrl = ProviderCalls.withoutTrailingSlash(
                properties.publicBaseUrl() != null ? properties.publicBaseUrl() : defaultPublicBaseUrl);
        this.attempts = attempts;
        this.backoff = backoff;
        this.http = ProviderCalls.client(properties.timeout());
        if (!properties.configured()) {
            log.warn("Twilio is not configured (afterhours.notifier.twilio.account-sid, auth-token, from-number; env "
                    + "AFTERHOURS_TWILIO_*): SMS and VOICE pages are recorded as failed, and replies are refused.");
        }
    }

    public boolean enabled() {
        return properties.configured();
    }

    /** The URL under which Twilio reaches this service, as it signs it. */
    public String publicBaseUrl() {
        return publicBaseUrl;
    }

    /** The absolute URL a voice page's key press is posted to, signed token included. */
    public String voiceAckUrl(String notificationId, String ackQuery) {
        return publicBaseUrl + VOICE_ACK_PATH + notificationId + VOICE_ACK_SUFFIX + "?" + ackQuery;
    }

    /** Texts {@code body} to {@code to}. Never throws. */
    public DeliveryResult sms(String to, String body, String notificationId) {
        return sms(to, fromNumber(), body, notificationId);
    }

    /**
     * Texts {@code body} to {@code to} from {@code from}, one of the agency's numbers on this Twilio account (a client
     * is answered from the number it texted). Never throws.
     */
    public DeliveryResult sms(String to, String from, String body, String id) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("To", to);
        form.put("From", from);
        form.put("Body", body);
        return post("Messages.json", form, id);
    }

    /**
     * Calls {@code to}; the call reads {@code words} and asks to press 1, which posts to {@link #voiceAckUrl}. Delivered
     * means Twilio took the call, not that anyone answered it: the acknowledgement timer covers that.
     */
    public DeliveryResult call(String to, String words, String notificationId, String ackQuery) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("To", to);
        form.put("From", fromNumber());
        form.put("Twiml", voiceTwiml(words, voiceAckUrl(notificationId, ackQuery)));
        return post("Calls.json", form, notificationId);
    }

    /** What the person called hears: the page twice at most, and one key gathered. */
    static String voiceTwiml(String words, String action) {
        return new VoiceResponse.Builder()
                .gather(new Gather.Builder().numDigits(1).timeout(8).action(action).method(HttpMethod.POST)
                        .say(new Say.Builder(words + " Press 1 to acknowledge.").build()).build())
                .gather(new Gather.Builder().numDigits(1).timeout(8).action(action).method(HttpMethod.POST)
                        .say(new Say.Builder("Again: " + words + " Press 1 to acknowledge.").build()).build())
                .say(new Say.Builder("No key was pressed. The page is not acknowledged. Goodbye.").build())
                .hangup(new Hangup.Builder().build())
                .build().toXml();
    }

    private DeliveryResult post(String resource, Map<String, String> form, String notificationId) {
        String sid = properties.accountSid();
        String token = properties.authToken();
        if (!properties.configured() || sid == null || token == null) {
            return new DeliveryResult.Failed("Twilio is not configured: afterhours.notifier.twilio.account-sid, "
                    + "auth-token and from-number are required", 0);
        }
        URI uri = URI.create(ProviderCalls.withoutTrailingSlash(properties.apiBaseUrl()) + "/2010-04-01/Accounts/" + sid
                + "/" + resource);
        String basic = Base64.getEncoder().encodeToString((sid + ":" + token).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(properties.timeout())
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(ProviderCalls.form(form), StandardCharsets.UTF_8))
                .build();
        return Retrying.run(attempts, backoff, () -> {
            ProviderCalls.Answer answer;
            try {
                answer = ProviderCalls.call(http, request, "Twilio");
            } catch (ProviderCalls.Retry retry) {
                log.info("Twilio {} for notification {}: {}", resource, notificationId, retry.getMessage());
                return retry.getMessage();
            }
            if (answer.ok()) {
                return null;
            }
            String error = "Twilio answered HTTP " + answer.status() + errorCode(answer.body()) + " to " + resource;
            log.info("{} (notification {})", error, notificationId);
            if (answer.retryable()) {
                return error;
            }
            throw new Retrying.Permanent(error);
        });
    }

    /** The configured from-number (the pager number), or "" when Twilio is not configured. */
    public String fromNumber() {
        String from = properties.fromNumber();
        return from == null ? "" : from;
    }

    /** Twilio's error code from its JSON answer (e.g. 21211, an invalid To), never the message text. */
    private static String errorCode(@Nullable String body) {
        if (body == null) {
            return "";
        }
        Matcher matcher = ERROR_CODE.matcher(body);
        return matcher.find() ? " (Twilio error " + matcher.group(1) + ")" : "";
    }
}
