package dev.afterhours.classifier.triage.kafka;

import dev.afterhours.classifier.triage.ClassificationMetrics;
import dev.afterhours.classifier.triage.MessageTriage;
import dev.afterhours.contracts.MessageClassified;
import dev.afterhours.contracts.MessageReceived;
import dev.afterhours.contracts.Topics;
import java.time.Clock;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Reads every received message and publishes its classification, keyed by clientId, in the transaction that
 * commits the consumed offset. Started by {@link ListenerStarter} once the directory is loaded.
 */
@Component
class ReceivedMessageListener {

    static final String ID = "afterhours-classifier";

    private final MessageTriage triage;
    private final KafkaTemplate<String, Object> template;
    private final ClassificationMetrics metrics;
    private final Clock clock;

    ReceivedMessageListener(MessageTriage triage, KafkaTemplate<String, Object> template, ClassificationMetrics metrics,
            Clock clock) {
        this.triage = triage;
        this.template = template;
        this.metrics = metrics;
        this.clock = clock;
    }

    @KafkaListener(id = ID, groupId = "${afterhours.classifier.consumer-group:afterhours-classifier}",
            topics = "#{T(dev.afterhours.contracts.Topics).MESSAGES_RECEIVED.name()}", autoStartup = "false")
    void onReceived(ConsumerRecord<String, @Nullable Object> record) {
        MessageReceived message = switch (record.value()) {
            case MessageReceived received -> received;
            case null -> throw new UnprocessableMessageException("record without a value (a tombstone?) at "
                    + record.topic() + "-" + record.partition() + "@" + record.offset());
            default -> throw new UnprocessableMessageException("expected a MessageReceived, got a "
                    + record.value().getClass().getName());
        };
        MessageClassified classified = triage.classify(message, clock.instant());
        template.send(Topics.MESSAGES_CLASSIFIED.name(), classified.getClientId(), classified);
        triage.remember(classified);
        countOnCommit(classified);
    }

    /** Counts what was committed, not attempts that rolled back and were retried. */
    private void countOnCommit(MessageClassified classified) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    metrics.classified(classified);
                }
            });
        } else {
            metrics.classified(classified);
        }
    }
}
