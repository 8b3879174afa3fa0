package dev.afterhours.ingest.earlypage.kafka;

import dev.afterhours.contracts.EscalationRequested;
import dev.afterhours.contracts.Topics;
import dev.afterhours.ingest.earlypage.EscalationSink;
import dev.afterhours.ingest.message.kafka.AcknowledgedSends;
import java.time.Duration;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Writes escalations to the escalations topic keyed by client id, and waits for the broker's acknowledgement. */
public final class KafkaEscalationSink implements EscalationSink, AutoCloseable {

    private final Producer<String, EscalationRequested> producer;
    private final Duration ackTimeout;

    /** @param ackTimeout a bit more than the producer's own delivery timeout, so the producer's error usually wins */
    public KafkaEscalationSink(Producer<String, EscalationRequested> producer, Duration ackTimeout) {
        this.producer = producer;
        this.ackTimeout = ackTimeout;
    }

    @Override
    public void publish(EscalationRequested escalation) {
        AcknowledgedSends.send(producer, new ProducerRecord<>(Topics.ESCALATIONS.name(), escalation.getClientId(),
                escalation), ackTimeout);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
