package dev.afterhours.notifier.ledger;

import dev.afterhours.contracts.NotificationEvent;
import dev.afterhours.contracts.Topics;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Writes notification events, keyed by clientId, and waits until the broker has them (acks=all, idempotent
 * producer) before the caller goes on; only then is the event applied to the ledger. Not final, so a test can make
 * a write fail. A listener therefore returns,
 * and its offset is committed, only after every outcome of the record is durable.
 */
public class NotificationRecorder {

    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaTemplate<String, SpecificRecord> kafka;
    private final NotificationLedger ledger;

    public NotificationRecorder(KafkaTemplate<String, SpecificRecord> kafka, NotificationLedger ledger) {
        this.kafka = kafka;
        this.ledger = ledger;
    }

    /** @throws RecordingFailedException if the broker did not take the event; the caller's record is then retried */
    public void record(NotificationEvent event) {
        try {
            kafka.send(Topics.NOTIFICATIONS.name(), event.getClientId(), event)
                    .get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RecordingFailedException("Interrupted while recording notification event " + event.getEventId(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new RecordingFailedException("Could not record notification event " + event.getEventId() + ": " + e, e);
        }
        ledger.apply(event);
    }
}
