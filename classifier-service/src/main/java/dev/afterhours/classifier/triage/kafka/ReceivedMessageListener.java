package dev.afterhours.classifier.triage.kafka;

import dev.afterhours.classifier.ClassifierProperties;
import dev.afterhours.classifier.triage.ClassificationMetrics;
import dev.afterhours.classifier.triage.MessageTriage;
import dev.afterhours.contracts.MessageClassified;
import dev.afterhours.contracts.MessageReceived;
import dev.afterhours.contracts.Topics;
import dev.afterhours.contracts.serde.DecodeFailures;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Reads received messages a poll at a time and publishes each one's classification, keyed by clientId, in one
 * transaction with the consumed offsets of the whole batch: exactly once, at the cost of one commit per batch
 * instead of one per message. A record that can never be classified (undecodable, no value, not a MessageReceived)
 * is parked on the dead-letter topic inside the same transaction and the batch goes on. Any other failure rolls the
 * batch back, to be read again by {@link BatchRetry}: a transient one (the registry unreachable) for as long as it
 * takes, one of unknown cause (a classifier bug) {@code retry.attempts} times before that record is parked. Started
 * by {@link ListenerStarter} once the directory is loaded.
 */
@Component
class ReceivedMessageListener {

    static final String ID = "afterhours-classifier";

    private static final LogAccessor LOG = new LogAccessor(LogFactory.getLog(ReceivedMessageListener.class));

    private final MessageTriage triage;
    private final KafkaTemplate<String, Object> template;
    private final DeadLetters deadLetters;
    private final ClassificationMetrics metrics;
    private final Clock clock;
    private final int retries;
    /** Failed attempts of records whose failure had an unknown cause, by position; empty while all goes well. */
    private final Map<String, Integer> failedAttempts = new ConcurrentHashMap<>();

    ReceivedMessageListener(MessageTriage triage, KafkaTemplate<String, Object> template, DeadLetters deadLetters,
            ClassificationMetrics metrics, Clock clock, ClassifierProperties properties) {
        this.triage = triage;
        this.template = template;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.clock = clock;
        this.retries = properties.retry().attempts();
    }

    @KafkaListener(id = ID, groupId = "${afterhours.classifier.consumer-group:afterhours-classifier}",
            topics = "#{T(dev.afterhours.contracts.Topics).MESSAGES_RECEIVED.name()}", autoStartup = "false",
            batch = "true")
    void onReceived(List<ConsumerRecord<String, @Nullable Object>> records, Consumer<?, ?> consumer) {
        List<MessageClassified> published = new ArrayList<>(records.size());
        for (ConsumerRecord<String, @Nullable Object> record : records) {
            MessageClassified classified = classifyOrPark(record, consumer);
            if (classified != null) {
                template.send(Topics.MESSAGES_CLASSIFIED.name(), classified.getClientId(), classified);
                triage.remember(classified);
                published.add(classified);
            }
        }
        countOnCommit(published);
    }

    /** The record's classification, or null when it was parked; throws only what a retry may fix. */
    private @Nullable MessageClassified classifyOrPark(ConsumerRecord<String, @Nullable Object> record,
            Consumer<?, ?> consumer) {
        try {
            MessageClassified classified = triage.classifyInTurn(received(record), clock.instant());
            if (!failedAttempts.isEmpty()) {
                failedAttempts.remove(position(record));
            }
            return classified;
        } catch (RuntimeException e) {
            if (DecodeFailures.isTransient(e)) {
                throw e;
            }
            boolean fixable = !(e instanceof DeserializationException || e instanceof UnprocessableMessageException);
            if (fixable && failedAttempts.merge(position(record), 1, Integer::sum) <= retries) {
                throw e;
            }
            failedAttempts.remove(position(record));
            deadLetters.accept(record, consumer, e);
            return null;
        }
    }

    private static String position(ConsumerRecord<?, ?> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }

    private static MessageReceived received(ConsumerRecord<String, @Nullable Object> record) {
        DeserializationException undecodable = SerializationUtils.getExceptionFromHeader(record,
                SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, LOG);
        if (undecodable != null) {
            throw undecodable;
        }
        return switch (record.value()) {
            case MessageReceived received -> received;
            case null -> throw new UnprocessableMessageException("record without a value (a tombstone?) at "
                    + record.topic() + "-" + record.partition() + "@" + record.offset());
            default -> throw new UnprocessableMessageException("expected a MessageReceived, got a "
                    + record.value().getClass().getName());
        };
    }

    /** Counts what was committed, not attempts that rolled back and were retried. */
    private void countOnCommit(List<MessageClassified> published) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    published.forEach(metrics::classified);
                }
            });
        } else {
            published.forEach(metrics::classified);
        }
    }
}
