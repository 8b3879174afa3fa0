package dev.afterhours.classifier.triage.kafka;

import dev.afterhours.classifier.triage.ClassificationMetrics;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.ConsumerAwareRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.support.serializer.DeserializationException;

/** Parks a record on the dead-letter topic (reason in the {@code kafka_dlt-*} headers), logs and counts it. */
final class DeadLetters implements ConsumerAwareRecordRecoverer {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    private final DeadLetterPublishingRecoverer publisher;
    private final ClassificationMetrics metrics;

    DeadLetters(DeadLetterPublishingRecoverer publisher, ClassificationMetrics metrics) {
        this.publisher = publisher;
        this.metrics = metrics;
    }

    @Override
    public void accept(ConsumerRecord<?, ?> record, @Nullable Consumer<?, ?> consumer, Exception exception) {
        publisher.accept(record, consumer, exception);
        String reason = reason(exception);
        log.warn("Parked {}-{}@{} (key {}) on the dead-letter topic, {}: {}", record.topic(), record.partition(),
                record.offset(), record.key(), reason, rootMessage(exception));
        metrics.deadLettered(reason);
    }

    static String reason(Throwable exception) {
        for (Throwable t = exception; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DeserializationException) {
                return "deserialization";
            }
            if (t instanceof UnprocessableMessageException) {
                return "unprocessable";
            }
        }
        return "processing";
    }

    private static String rootMessage(Throwable exception) {
        Throwable root = exception;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.toString();
    }
}
