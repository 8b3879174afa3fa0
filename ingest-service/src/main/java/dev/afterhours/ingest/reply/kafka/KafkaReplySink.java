package dev.afterhours.ingest.reply.kafka;

import dev.afterhours.contracts.ReplyRequested;
import dev.afterhours.contracts.Topics;
import dev.afterhours.ingest.message.kafka.AcknowledgedProducer;
import dev.afterhours.ingest.reply.ReplySink;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Publishes reply requests keyed by client id, idempotent and acks=all, and waits for the acknowledgement. */
public final class KafkaReplySink implements ReplySink, AutoCloseable {

    private final AcknowledgedProducer<ReplyRequested> producer;

    public KafkaReplySink(AcknowledgedProducer<ReplyRequested> producer) {
        this.producer = producer;
    }

    @Override
    public void publish(ReplyRequested request) {
        producer.send(new ProducerRecord<>(Topics.REPLIES.name(), request.getClientId(), request));
    }

    @Override
    public void close() {
        producer.close();
    }
}
