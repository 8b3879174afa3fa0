package dev.afterhours.classifier.correction.kafka;

import dev.afterhours.classifier.correction.ClassificationSource;
import dev.afterhours.classifier.correction.CorrectionProperties;
import dev.afterhours.classifier.correction.CorrectionsUnavailableException;
import dev.afterhours.classifier.correction.MessagePositions.Position;
import dev.afterhours.contracts.MessageClassified;
import dev.afterhours.contracts.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds a message's classification: its position from the follower's index, then that one record, fetched with a
 * dedicated consumer (assign, seek, poll one record). The consumer is not thread-safe, so lookups take turns.
 */
public final class KafkaClassificationSource implements ClassificationSource, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaClassificationSource.class);

    private final ClassifiedTopicFollower follower;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Deserializer<SpecificRecord> values;
    private final CorrectionProperties properties;

    KafkaClassificationSource(ClassifiedTopicFollower follower, KafkaConsumer<String, byte[]> consumer,
            Deserializer<SpecificRecord> values, CorrectionProperties properties) {
        this.follower = follower;
        this.consumer = consumer;
        this.values = values;
        this.properties = properties;
    }

    @Override
    public boolean isCaughtUp() {
        return follower.isLoaded();
    }

    @Override
    public synchronized Optional<MessageClassified> find(String messageId) {
        Position position = follower.positions().get(messageId);
        if (position == null) {
            // Perhaps classified a moment ago: let the index reach the topic's current end before saying "unknown".
            awaitIndexAtCurrentEnd();
            position = follower.positions().get(messageId);
        }
        return position == null ? Optional.empty() : fetch(messageId, position);
    }

    private void awaitIndexAtCurrentEnd() {
        List<TopicPartition> partitions = follower.partitions();
        if (partitions.isEmpty()) {
            return;
        }
        try {
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, properties.lookupTimeout());
            follower.awaitIndexed(end, properties.indexWait());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CorrectionsUnavailableException("interrupted while waiting for the classified-topic index", e);
        } catch (KafkaException e) {
            throw new CorrectionsUnavailableException("cannot read the end of the classified topic: " + e, e);
        }
    }

    private Optional<MessageClassified> fetch(String messageId, Position position) {
        TopicPartition partition = new TopicPartition(Topics.MESSAGES_CLASSIFIED.name(),
                position.partition());
        long deadline = System.nanoTime() + properties.lookupTimeout().toNanos();
        try {
            consumer.assign(List.of(partition));
            consumer.seek(partition, position.offset());
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200)).records(partition)) {
                    if (record.offset() != position.offset()) {
                        log.warn("Classification of {} expected at {}@{}, but the first record there is @{}",
                                messageId, partition, position.offset(), record.offset());
                        return Optional.empty();
                    }
                    return decode(messageId, record);
                }
            }
        } catch (OffsetOutOfRangeException e) {
            log.info("Classification of {} at {}@{} is no longer retained", messageId, partition, position.offset());
            return Optional.empty();
        } catch (KafkaException e) {
            throw new CorrectionsUnavailableException("cannot read the classification of message '" + messageId
                    + "': " + e, e);
        }
        throw new CorrectionsUnavailableException("the classification of message '" + messageId + "' ("
                + partition + "@" + position.offset() + ") could not be read within " + properties.lookupTimeout());
    }

    private Optional<MessageClassified> decode(String messageId, ConsumerRecord<String, byte[]> record) {
        SpecificRecord value;
        try {
            value = values.deserialize(record.topic(), record.value());
        } catch (RuntimeException e) {
            // It decoded when it was indexed: the registry is the likely problem, and it may come back.
            throw new CorrectionsUnavailableException("cannot decode the classification of message '" + messageId
                    + "': " + e, e);
        }
        return switch (value) {
            case MessageClassified classified when classified.getMessageId().equals(messageId) -> Optional.of(classified);
            case MessageClassified other -> {
                log.warn("Index hash collision: {} points at the classification of {}", messageId, other.getMessageId());
                yield Optional.empty();
            }
            case null, default -> Optional.empty();
        };
    }

    @Override
    public synchronized void close() {
        consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        values.close();
    }
}
