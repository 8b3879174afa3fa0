package dev.afterhours.classifier.triage.kafka;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Hands a failed batch straight back to the container, so its transaction rolls back and {@link BatchRetry} reads it
 * again. The default error handler would retry the listener inside the same transaction, which then commits the
 * failed attempt's records beside the good attempt's: a classification twice.
 */
final class RollBackTheBatch implements CommonErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(RollBackTheBatch.class);

    @Override
    public void handleBatch(Exception thrownException, ConsumerRecords<?, ?> data, Consumer<?, ?> consumer,
            MessageListenerContainer container, Runnable invokeListener) {
        throw thrownException instanceof RuntimeException runtime ? runtime
                : new KafkaException("batch listener failed", thrownException);
    }

    @Override
    public void handleOtherException(Exception thrownException, Consumer<?, ?> consumer,
            MessageListenerContainer container, boolean batchListener) {
        log.warn("Consumer failure outside the listener (polling goes on): {}", thrownException.toString());
    }
}
