package dev.afterhours.ingest.message.kafka;

import dev.afterhours.ingest.message.PublishFailedException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/** A send that returns only once the broker has acknowledged the record, for someone waiting on the answer. */
public final class AcknowledgedSends {

    private AcknowledgedSends() {
    }

    /**
     * @param ackTimeout how long to wait for the acknowledgement; a bit more than the producer's own delivery
     *                   timeout, so the producer's error (with its reason) usually wins
     * @throws PublishFailedException if the record is not acknowledged; the caller must not report success
     */
    public static <K, V> void send(Producer<K, V> producer, ProducerRecord<K, V> record, Duration ackTimeout) {
        try {
            producer.send(record).get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishFailedException("interrupted while waiting for Kafka", e);
        } catch (ExecutionException e) {
            throw new PublishFailedException("Kafka did not acknowledge the message: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new PublishFailedException("Kafka did not acknowledge the message within " + ackTimeout, e);
        } catch (RuntimeException e) {
            // send() itself throws when metadata cannot be fetched in time or the serializer cannot reach the registry.
            throw new PublishFailedException("could not send the message to Kafka: " + e, e);
        }
    }
}
