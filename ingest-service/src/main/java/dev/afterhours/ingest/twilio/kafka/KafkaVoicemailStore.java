package dev.afterhours.ingest.twilio.kafka;

import dev.afterhours.contracts.PendingVoicemail;
import dev.afterhours.contracts.Topics;
import dev.afterhours.ingest.twilio.PendingVoicemails;
import dev.afterhours.ingest.twilio.PendingVoicemails.Voicemail;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes pending voicemails to {@code afterhours.ingest.pending-voicemails.v1} (keyed by recordingSid, compacted) and
 * a tombstone once one is published. Waits for the acknowledgement; a failed write is logged and the voicemail stays
 * in memory: the caller is not kept waiting on the line for it, and the instance still publishes it unless it
 * restarts before.
 */
public final class KafkaVoicemailStore implements PendingVoicemails.Store, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaVoicemailStore.class);

    private final Producer<String, @Nullable PendingVoicemail> producer;
    private final Duration ackTimeout;

    public KafkaVoicemailStore(Producer<String, @Nullable PendingVoicemail> producer, Duration ackTimeout) {
        this.producer = producer;
        this.ackTimeout = ackTimeout;
    }

    @Override
    public void save(Voicemail voicemail) {
        write(voicemail.recordingSid(), toRecord(voicemail));
    }

    @Override
    public void remove(String recordingSid) {
        write(recordingSid, null);
    }

    private void write(String recordingSid, @Nullable PendingVoicemail value) {
        try {
            producer.send(new ProducerRecord<>(Topics.INGEST_PENDING_VOICEMAILS.name(), recordingSid, value))
                    .get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.warn("Interrupted while keeping voicemail {} on {}", recordingSid, Topics.INGEST_PENDING_VOICEMAILS.name());
        } catch (Exception e) {
            log.warn("Could not {} voicemail {} on {}; it stays in this instance's memory: {}",
                    value == null ? "clear" : "keep", recordingSid, Topics.INGEST_PENDING_VOICEMAILS.name(), e.toString());
        }
    }

    static PendingVoicemail toRecord(Voicemail voicemail) {
        return PendingVoicemail.newBuilder()
                .setRecordingSid(voicemail.recordingSid())
                .setCallSid(voicemail.callSid())
                .setFrom(voicemail.from())
                .setTo(voicemail.to())
                .setRecordingUrl(voicemail.recordingUrl())
                .setDurationSeconds(voicemail.durationSeconds())
                .setRecordedAt(voicemail.recordedAt())
                .setTranscript(voicemail.transcript())
                .setTranscriptionStatus(voicemail.transcriptionStatus())
                .build();
    }

    static Voicemail fromRecord(PendingVoicemail record) {
        return new Voicemail(record.getRecordingSid(), record.getCallSid(), record.getFrom(), record.getTo(),
                record.getRecordingUrl(), record.getDurationSeconds(), record.getRecordedAt(), record.getTranscript(),
                record.getTranscriptionStatus());
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
