package dev.afterhours.classifier.correction.kafka;

import dev.afterhours.classifier.correction.CorrectionSink;
import dev.afterhours.classifier.correction.CorrectionsUnavailableException;
import dev.afterhours.contracts.Topics;
import dev.afterhours.contracts.UrgencyCorrected;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes corrections with a producer of their own: idempotent, acks=all, and not transactional, so a correction
 * never joins (or waits for) the pipeline's consume-classify-produce transactions. Returns only after the broker
 * acknowledged, so an HTTP 202 means the correction is durable.
 */
public final class KafkaCorrectionSink implements CorrectionSink, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaCorrectionSink.class);

    private final Producer<String, UrgencyCorrected> producer;
    private final Duration timeout;

    KafkaCorrectionSink(Producer<String, UrgencyCorrected> producer, Duration timeout) {
        this.producer = producer;
        this.timeout = timeout;
    }

    @Override
    public void publish(UrgencyCorrected correction) {
        String what = "correction " + correction.getCorrectionId() + " of message '" + correction.getMessageId() + "'";
        try {
            RecordMetadata ack = producer.send(new ProducerRecord<>(Topics.URGENCY_CORRECTIONS.name(),
                    correction.getClientId(), correction))
                    // delivery.timeout.ms fails the send on its own; the margin only covers a stuck callback.
                    .get(timeout.toMillis() + 5_000, TimeUnit.MILLISECONDS);
            log.debug("Published {} at {}-{}@{}", what, ack.topic(), ack.partition(), ack.offset());
        } catch (ExecutionException e) {
            throw new CorrectionsUnavailableException(what + " was not acknowledged: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new CorrectionsUnavailableException(what + " was not acknowledged within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CorrectionsUnavailableException(what + " was interrupted before it was acknowledged", e);
        } catch (RuntimeException e) {
            // Serialization needs the registry (schema registration); a KafkaException can come straight from send.
            throw new CorrectionsUnavailableException(what + " could not be sent: " + e, e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
