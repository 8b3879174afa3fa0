package dev.afterhours.ingest.twilio;

import dev.afterhours.contracts.Attachment;
import dev.afterhours.contracts.Channel;
import dev.afterhours.contracts.Direction;
import dev.afterhours.directory.Calendars;
import dev.afterhours.ingest.message.InboundMessage;
import dev.afterhours.ingest.message.IntakeResult;
import dev.afterhours.ingest.message.MessageIntake;
import dev.afterhours.ingest.twilio.CallerAnswers.VoicemailCallbacks;
import dev.afterhours.ingest.twilio.PendingVoicemails.Voicemail;
import dev.afterhours.ingest.twilio.PhoneLines.Line;
import dev.afterhours.ingest.twilio.TwilioMetrics.Outcome;
import dev.afterhours.ingest.twilio.TwilioMetrics.Webhook;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Twilio's webhooks, already signature-checked, turned into messages. The number dialled ({@code To}) names the
 * client ({@link PhoneLines}); a number no client has is taken all the same, resolved by the sender like any message
 * (else {@code unresolved}) for triage, since the signature proves it reached one of our numbers and a client's text
 * must not be lost to a gap in the directory.
 *
 * <p>Provider message ids, so that Twilio sending a webhook again yields no second message: an SMS is its
 * {@code MessageSid}; a voicemail its {@code RecordingSid}; a call with no voicemail (an emergency call, published
 * while the caller listens, or a missed call) its {@code CallSid}, so a call pages once whichever webhook gets there.
 */
public final class TwilioIntake {

    public static final String PROVIDER = "twilio";
    /** Event header: {@code normal} or {@code emergency} (one of the client's lines), {@code unknown}. */
    public static final String LINE = "x-afterhours-line";
    /** Event header: {@code call} (emergency call), {@code voicemail}, {@code missed-call}. */
    public static final String VOICE = "x-afterhours-voice";
    public static final String CALL_SID = "x-afterhours-twilio-call-sid";
    /** Event header of a voicemail: {@code completed}, {@code failed} (Twilio's), {@code timeout} (none came). */
    public static final String TRANSCRIPTION = "x-afterhours-transcription";
    public static final String RECORDING_SECONDS = "x-afterhours-recording-seconds";

    private static final Logger log = LoggerFactory.getLogger(TwilioIntake.class);
    private static final Set<String> CALL_ENDED = Set.of("completed", "busy", "no-answer", "failed", "canceled");
    /** How long a call that left a voicemail is remembered: its status callback comes seconds after it ends. */
    private static final Duration REMEMBER_CALLS = Duration.ofHours(6);

    private final MessageIntake intake;
    private final PhoneLines lines;
    private final PendingVoicemails pending;
    private final CallerAnswers answers;
    private final TwilioMetrics metrics;
    private final Duration voicemailTimeout;
    private final Clock clock;

    public TwilioIntake(MessageIntake intake, PhoneLines lines, PendingVoicemails pending, CallerAnswers answers,
            TwilioMetrics metrics, Duration voicemailTimeout, Clock clock) {
        this.intake = intake;
        this.lines = lines;
        this.pending = pending;
        this.answers = answers;
        this.metrics = metrics;
        this.voicemailTimeout = voicemailTimeout;
        this.clock = clock;
    }

    /**
     * An incoming text: one message, channel SMS. Answers an empty {@code <Response/>}: the acknowledgement that
     * states when the answer will come is the notifier's to send.
     *
     * @throws InvalidTwilioRequestException without MessageSid, From or To
     * @see MessageIntake#ingest for the failures (503, 429)
     */
    public String sms(Map<String, String> params) {
        String sid = required(params, "MessageSid");
        String from = required(params, "From");
        String to = required(params, "To");
        Optional<Line> line = lines.lineFor(to);
        InboundMessage message = new InboundMessage(Channel.SMS, Direction.INBOUND, PROVIDER, sid, from, List.of(to),
                null, params.getOrDefault("Body", ""), null, media(params), headers(line), null, null);
        publish(Webhook.SMS, line, message);
        return answers.noSmsReply();
    }

    /**
     * A call coming in. On an emergency line the message is published before the caller hears anything, so the page
     * has started when they are told it has; a routine line offers voicemail (words for in or after hours by the
     * client's calendar). Never fails: a caller hears no error.
     */
    public String incomingCall(Map<String, String> params, VoicemailCallbacks callbacks) {
        String callSid = required(params, "CallSid");
        String from = required(params, "From");
        String to = required(params, "To");
        Optional<Line> line = lines.lineFor(to);
        if (line.isEmpty()) {
            metrics.webhook(Webhook.VOICE, Outcome.ANSWERED);
            return answers.unknownLine(callbacks);
        }
        String clientName = line.get().client().getName();
        if (!line.get().emergency()) {
            metrics.webhook(Webhook.VOICE, Outcome.ANSWERED);
            return open(line.get()) ? answers.inHours(clientName, callbacks) : answers.afterHours(clientName, callbacks);
        }
        Map<String, String> headers = headers(line);
        headers.put(VOICE, "call");
        InboundMessage message = new InboundMessage(Channel.VOICE, Direction.INBOUND, PROVIDER, callSid, from, List.of(to),
                null, "Call to the emergency line " + to + " from " + from + ", who is waiting to be called back.",
                null, List.of(), headers, null, null);
        try {
            publish(Webhook.VOICE, line, message);
            return answers.emergencyPaged(clientName, callbacks);
        } catch (RuntimeException e) {
            // The voicemail, and the call's end (a call with nothing published is published then), are the next tries.
            log.error("Emergency call {} to {} could not be published; the caller is asked for a voicemail", callSid, to, e);
            return answers.emergencyNotPaged(clientName, callbacks);
        }
    }

    /**
     * The voicemail's recording (the {@code <Record>} action): kept until its transcription comes, or the timeout.
     * Answers the words that end the call.
     */
    public String recording(Map<String, String> params) {
        String recordingSid = params.getOrDefault("RecordingSid", "");
        long seconds = seconds(params.get("RecordingDuration"));
        if (recordingSid.isBlank() || seconds == 0) {
            metrics.webhook(Webhook.RECORDING, Outcome.IGNORED);
            return answers.voicemailTaken();
        }
        pending.recorded(new Voicemail(recordingSid, required(params, "CallSid"), required(params, "From"),
                required(params, "To"), params.get("RecordingUrl"), seconds, clock.instant(), null, null));
        metrics.webhook(Webhook.RECORDING, Outcome.PENDING);
        return answers.voicemailTaken();
    }

    /**
     * A voicemail's transcription: the voicemail is published now, with the text. Carries all it needs, so it works
     * for a voicemail this instance never saw recorded. If the publish fails the text is kept and the sweeper tries
     * again.
     */
    public void transcription(Map<String, String> params) {
        String recordingSid = required(params, "RecordingSid");
        String status = params.getOrDefault("TranscriptionStatus", "completed");
        String text = "completed".equals(status) ? params.getOrDefault("TranscriptionText", "").strip() : "";
        Voicemail voicemail = pending.get(recordingSid).orElseGet(() -> new Voicemail(recordingSid,
                required(params, "CallSid"), required(params, "From"), required(params, "To"), params.get("RecordingUrl"),
                seconds(params.get("RecordingDuration")), clock.instant(), null, null));
        try {
            publishVoicemail(Webhook.TRANSCRIPTION, voicemail, text, status);
        } catch (RuntimeException e) {
            pending.transcribed(voicemail, text, status);
            metrics.webhook(Webhook.TRANSCRIPTION, Outcome.PENDING);
            log.warn("Voicemail {} could not be published yet; kept with its text, tried again by the sweeper: {}",
                    recordingSid, e.toString());
        }
    }

    /**
     * The end of a call (the number's status callback). A call that ended with nothing published, no voicemail and
     * no emergency message, is a missed call: one message, so someone calls back.
     *
     * @see MessageIntake#ingest for the failures (503, 429)
     */
    public void callStatus(Map<String, String> params) {
        String callSid = required(params, "CallSid");
        String status = required(params, "CallStatus");
        if (!CALL_ENDED.contains(status) || pending.callLeftVoicemail(callSid)) {
            metrics.webhook(Webhook.STATUS, Outcome.IGNORED);
            return;
        }
        String from = required(params, "From");
        String to = required(params, "To");
        Optional<Line> line = lines.lineFor(to);
        Map<String, String> headers = headers(line);
        headers.put(VOICE, "missed-call");
        headers.put(CALL_SID, callSid);
        String what = line.map(Line::emergency).orElse(false) ? "Call to the emergency line " + to : "Missed call";
        InboundMessage message = new InboundMessage(Channel.VOICE, Direction.INBOUND, PROVIDER, callSid, from, List.of(to),
                null, what + " from " + from + " (" + status + "); no voicemail was left.", null, List.of(), headers,
                null, null);
        publish(Webhook.STATUS, line, message);
    }

    /** The answer to a callback where Twilio reads no instructions (status, transcription). */
    public String nothingToSay() {
        return answers.nothing();
    }

    /** Publishes the voicemails whose transcription did not come in time (without text), and retries failed ones. */
    public void sweep() {
        Instant now = clock.instant();
        for (Voicemail voicemail : pending.due(now, voicemailTimeout)) {
            String text = voicemail.transcript() == null ? "" : voicemail.transcript();
            String status = voicemail.transcriptionStatus() == null ? "timeout" : voicemail.transcriptionStatus();
            try {
                publishVoicemail(Webhook.TRANSCRIPTION, voicemail, text, status);
            } catch (RuntimeException e) {
                log.warn("Voicemail {} could not be published; tried again at the next sweep: {}",
                        voicemail.recordingSid(), e.toString());
            }
        }
        pending.forgetCallsBefore(now.minus(REMEMBER_CALLS));
    }

    private void publishVoicemail(Webhook webhook, Voicemail voicemail, String text, String status) {
        Optional<Line> line = lines.lineFor(voicemail.to());
        Map<String, String> headers = headers(line);
        headers.put(VOICE, "voicemail");
        headers.put(CALL_SID, voicemail.callSid());
        headers.put(TRANSCRIPTION, status);
        headers.put(RECORDING_SECONDS, Long.toString(voicemail.durationSeconds()));
        List<Attachment> recording = voicemail.recordingUrl() == null ? List.of()
                : List.of(new Attachment("voicemail.wav", "audio/x-wav", 0L, voicemail.recordingUrl()));
        InboundMessage message = new InboundMessage(Channel.VOICE, Direction.INBOUND, PROVIDER, voicemail.recordingSid(),
                voicemail.from(), List.of(voicemail.to()), null, text, null, recording, headers, null, null);
        publish(webhook, line, message);
        pending.published(voicemail.recordingSid());
    }

    private IntakeResult publish(Webhook webhook, Optional<Line> line, InboundMessage message) {
        IntakeResult result;
        try {
            // Twilio does not retry a webhook answered 429: backpressure would lose the message, so it does not apply.
            result = intake.ingestFromSenderThatDoesNotRetry(message, line.map(Line::clientId));
        } catch (RuntimeException e) {
            metrics.webhook(webhook, Outcome.FAILED);
            throw e;
        }
        metrics.webhook(webhook, result.status() == IntakeResult.Status.ACCEPTED ? Outcome.ACCEPTED : Outcome.DUPLICATE);
        return result;
    }

    private boolean open(Line line) {
        try {
            return Calendars.supportHours(line.client().getCalendar()).isOpen(clock.instant());
        } catch (RuntimeException e) {
            // The directory validated the calendar; should it still not compute, "closed" still takes a voicemail.
            return false;
        }
    }

    private static Map<String, String> headers(Optional<Line> line) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(LINE, line.map(Line::kind).orElse("unknown"));
        return headers;
    }

    /** Twilio's MMS media: {@code MediaUrl0..n} with {@code MediaContentType0..n}; Twilio gives no size (0). */
    private static List<Attachment> media(Map<String, String> params) {
        int count = (int) Math.min(seconds(params.get("NumMedia")), 10);
        List<Attachment> attachments = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String url = params.get("MediaUrl" + i);
            if (url != null && !url.isBlank()) {
                String type = params.getOrDefault("MediaContentType" + i, "application/octet-stream");
                attachments.add(new Attachment("media-" + i, type, 0L, url));
            }
        }
        return attachments;
    }

    /** A non-negative whole number Twilio sends as text; anything else is 0. */
    private static long seconds(@Nullable String value) {
        if (value == null) {
            return 0;
        }
        try {
            return Math.max(0, Long.parseLong(value.strip()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String required(Map<String, String> params, String name) {
        String value = params.get(name);
        if (value == null || value.isBlank()) {
            throw new InvalidTwilioRequestException(name, "the webhook has no " + name
                    + ", which Twilio always sends; is this URL configured for the right kind of webhook?");
        }
        return value.strip();
    }
}
