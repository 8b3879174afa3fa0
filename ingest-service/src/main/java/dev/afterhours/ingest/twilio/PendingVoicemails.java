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
 * to be tried again. Held in memory and written through to a {@link Store} (a compacted topic), from which a
 * restarted instance reads them back. Also remembers, for a while, which calls left a voicemail, so the end of such a
 * call is not a missed call.
 */
public final class PendingVoicemails {

    /** Where pending voicemails outlive the instance. Best effort: a failed write is logged, memory still has it. */
    public interface Store {

        /** Nothing outlives the instance (unit tests). */
        Store NONE = new Store() {
            @Override
            public void save(Voicemail voicemail) {
            }

            @Override
            public void remove(String recordingSid) {
            }
        };

        void save(Voicemail voicemail);

        void remove(String recordingSid);
    }

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
    private final Store store;

    public PendingVoicemails(Store store) {
        this.store = store;
    }

    /** Keeps a new recording; a repeat of one already kept changes nothing. */
    public void recorded(Voicemail voicemail) {
        if (byRecording.putIfAbsent(voicemail.recordingSid(), voicemail) == null) {
            store.save(voicemail);
        }
        callsWithVoicemail.putIfAbsent(voicemail.callSid(), voicemail.recordedAt());
    }

    /** What the store holds, as read back from it (null: published); the follower of the store calls this. */
    public void restored(String recordingSid, @Nullable Voicemail voicemail) {
        if (voicemail == null) {
            byRecording.remove(recordingSid);
            return;
        }
        byRecording.put(recordingSid, voicemail);
        callsWithVoicemail.putIfAbsent(voicemail.callSid(), voicemail.recordedAt());
    }

    public Optional<Voicemail> get(String recordingSid) {
        return Optional.ofNullable(byRecording.get(recordingSid));
    }

    /** Keeps the text with a voicemail whose publish must be tried again. */
    public void transcribed(Voicemail voicemail, String text, String status) {
        Voicemail withText = voicemail.transcribed(text, status);
        byRecording.put(voicemail.recordingSid(), withText);
        callsWithVoicemail.putIfAbsent(voicemail.callSid(), voicemail.recordedAt());
        store.save(withText);
    }

    public void published(String recordingSid) {
        byRecording.remove(recordingSid);
        store.remove(recordingSid);
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
