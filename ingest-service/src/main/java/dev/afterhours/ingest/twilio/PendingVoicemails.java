package dev.afterhours.ingest.twilio;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Voicemails recorded and not yet published: waiting for their transcription, or (rarely) for a publish that failed
 * to be tried again. Held in this instance's memory: a restart forgets them, see the README for what that loses.
 * Also remembers, for a while, which calls left a voicemail, so the end of such a call is not a missed call.
 */
public final class PendingVoicemails {

    /**
     * @param transcript the text once Twilio sent it (empty when its transcription failed), null while waiting
     */
    public record Voicemail(String recordingSid, String callSid, String from, String to, @Nullable String recordingUrl,
                            long durationSeconds, Instant recordedAt, @Nullable String transcript,
                            @Nullable String transcriptionStatus) {

        Voicemail transcribed(String text, String status) {
            return new Voicemail(recordingSid, callSid, from, to, recordingUrl, durationSeconds, recordedAt, text, status);
        }
    }

    private final Map<String, Voicemail> byRecording = new ConcurrentHashMap<>();
    private final Map<String, Instant> callsWithVoicemail = new ConcurrentHashMap<>();

    /** Keeps a new recording; a repeat of one already kept changes nothing. */
    public void recorded(Voicemail voicemail) {
        byRecording.putIfAbsent(voicemail.recordingSid(), voicemail);
        callsWithVoicemail.putIfAbsent(voicemail.callSid(), voicemail.recordedAt());
    }

    public Optional<Voicemail> get(String recordingSid) {
        return Optional.ofNullable(byRecording.get(recordingSid));
    }

    /** Keeps the text with a voicemail whose publish must be tried again. */
    public void transcribed(Voicemail voicemail, String text, String status) {
        byRecording.put(voicemail.recordingSid(), voicemail.transcribed(text, status));
        callsWithVoicemail.putIfAbsent(voicemail.callSid(), voicemail.recordedAt());
    }

    public void published(String recordingSid) {
        byRecording.remove(recordingSid);
    }

    public boolean callLeftVoicemail(String callSid) {
        return callsWithVoicemail.containsKey(callSid);
    }

    /** Those due now: with a transcript (a publish to retry), or waiting longer than the timeout. */
    public List<Voicemail> due(Instant now, Duration timeout) {
        List<Voicemail> due = new ArrayList<>();
        for (Voicemail voicemail : byRecording.values()) {
            if (voicemail.transcript() != null || !voicemail.recordedAt().plus(timeout).isAfter(now)) {
                due.add(voicemail);
            }
        }
        return due;
    }

    /** Forgets the calls that left a voicemail before this moment (their status callback has long come). */
    public void forgetCallsBefore(Instant moment) {
        callsWithVoicemail.values().removeIf(at -> at.isBefore(moment));
    }

    public int size() {
        return byRecording.size();
    }
}
