package dev.afterhours.ingest.message.kafka;

import dev.afterhours.contracts.MessageReceived;
import dev.afterhours.contracts.Topics;
import dev.afterhours.ingest.message.ReceivedMessageSink;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * Publishes {@code MessageReceived} keyed by client id with an idempotent, acks=all producer and waits for the
 * broker's acknowledgement, so a 202 always means "durably written".
 */
public final class KafkaReceivedMessageSink implements ReceivedMessageSink, AutoCloseable {

    /** Kafka record header with the counterpart address, which the event itself does not name for OUTBOUND. */
    public static final String COUNTERPART_HEADER = "afterhours-counterpart";

    private final AcknowledgedProducer<MessageReceived> producer;

    public KafkaReceivedMessageSink(AcknowledgedProducer<MessageReceived> producer) {
        this.producer = producer;
    }

    /**
     * @param ackTimeout how long to wait for the acknowledgement; a bit more than the producer's own
     *                   delivery timeout, so the producer's error (with its reason) usually wins
     */
    public KafkaReceivedMessageSink(Producer<String, MessageReceived> producer, Duration ackTimeout) {
        this(new AcknowledgedProducer<>(producer, ackTimeout));
    }

    @Override
    public void publish(MessageReceived event, String counterpart) {
        List<Header> headers = List.of(new RecordHeader(COUNTERPART_HEADER, counterpart.getBytes(StandardCharsets.UTF_8)));
        ProducerRecord<String, MessageReceived> record = new ProducerRecord<>(Topics.MESSAGES_RECEIVED.name(), null,
                event.getClientId(), event, headers);
        producer.send(record);
    }

    @Override
    public void close() {
        producer.close();
    }
}
