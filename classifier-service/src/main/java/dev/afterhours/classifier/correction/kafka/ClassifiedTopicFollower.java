package dev.afterhours.classifier.correction.kafka;

import dev.afterhours.classifier.correction.MessagePositions;
import dev.afterhours.contracts.MessageClassified;
import dev.afterhours.contracts.Topics;
import dev.afterhours.directory.follow.FollowerStatus;
import dev.afterhours.directory.follow.TopicFollower;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows {@code afterhours.messages.classified.v1} from the beginning and keeps only where each message's latest
 * classification is. Each classification read is also handed on ({@code alsoTo}): the pipeline's contact history
 * is rebuilt from it after a restart. The reading is the shared {@link TopicFollower}: every partition, no consumer
 * group (every instance needs every message), and after an error it restarts with backoff where it stopped, so
 * {@code alsoTo} sees each classification once and in order.
 */
public final class ClassifiedTopicFollower implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ClassifiedTopicFollower.class);

    private final MessagePositions positions = new MessagePositions();
    private final AtomicLong notClassifications = new AtomicLong();
    private final Consumer<MessageClassified> alsoTo;
    private final TopicFollower<SpecificRecord> follower;

    /**
     * @param consumers a new consumer for every (re)start, e.g. {@link TopicFollower#consumers(Map, String)}
     * @param alsoTo    told of every classification read, in topic order, from the beginning: what else is rebuilt
     *                  from the topic (the contact history)
     */
    private ClassifiedTopicFollower(Supplier<? extends org.apache.kafka.clients.consumer.Consumer<String, byte[]>> consumers,
            Deserializer<SpecificRecord> values, Consumer<MessageClassified> alsoTo) {
        this.alsoTo = alsoTo;
        this.follower = TopicFollower.builder(Topics.MESSAGES_CLASSIFIED.name(), values)
                .topic(Topics.MESSAGES_CLASSIFIED.name())
                .consumers(consumers)
                .onRecord(this::index)
                .onCaughtUp(() -> log.info("Classified topic indexed: {} messages", positions.size()))
                .start();
    }

    /**
     * What else is rebuilt from the classified topic: the pipeline provides it (the contact history), so this
     * package, which corrections own, does not depend on the pipeline's.
     */
    @FunctionalInterface
    public interface Replay {

        /** One classification read back, in topic order, from the beginning. */
        void replayed(MessageClassified classified);
    }

    static ClassifiedTopicFollower start(
            Supplier<? extends org.apache.kafka.clients.consumer.Consumer<String, byte[]>> consumers,
            Deserializer<SpecificRecord> values, Consumer<MessageClassified> alsoTo) {
        return new ClassifiedTopicFollower(consumers, values, alsoTo);
    }

    public MessagePositions positions() {
        return positions;
    }

    /** The partitions followed; empty until the topic's metadata has been read. */
    public List<TopicPartition> partitions() {
        return follower.partitions();
    }

    /** True once everything that was on the topic when the follower started has been indexed. */
    public boolean isLoaded() {
        return follower.hasCaughtUpOnce();
    }

    /** Waits up to {@code timeout} for {@link #isLoaded()}; true if it is. */
    public boolean awaitLoaded(Duration timeout) throws InterruptedException {
        return follower.awaitCaughtUpOnce(timeout);
    }

    /** Caught up now, restarts, last error: for readiness and the follower metrics. */
    public FollowerStatus status() {
        return follower;
    }

    /** Records that were not a decodable MessageClassified (logged one by one). */
    public long skipped() {
        return follower.skipped() + notClassifications.get();
    }

    /** Waits until the index has read every partition up to the given offsets (e.g. its current end offsets). */
    public boolean awaitIndexed(Map<TopicPartition, Long> targets, Duration timeout) throws InterruptedException {
        return follower.awaitPositions(targets, timeout);
    }

    private void index(ConsumerRecord<String, byte[]> record, @Nullable SpecificRecord value) {
        switch (value) {
            case null -> { } // a tombstone classifies nothing
            case MessageClassified classified -> {
                positions.put(classified.getMessageId(), record.partition(), record.offset());
                alsoTo.accept(classified);
            }
            default -> {
                notClassifications.incrementAndGet();
                log.warn("Not indexing {}-{}@{} (key {}): a {}, not a MessageClassified", record.topic(),
                        record.partition(), record.offset(), record.key(), value.getClass().getSimpleName());
            }
        }
    }

    @Override
    public void close() {
        follower.close();
    }
}
