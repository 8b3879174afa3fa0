package dev.afterhours.notifier.kafka;

import dev.afterhours.contracts.Topic;
import dev.afterhours.contracts.serde.RegistrySerdes;
import dev.afterhours.directory.follow.FollowerStatus;
import dev.afterhours.directory.follow.TopicFollower.StartFrom;
import dev.afterhours.kafka.KafkaConnection;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a whole topic (every partition, no consumer group: every instance needs all of it), from the beginning or
 * from {@code now - window}, and then keeps following it, handing each value to a sink. This is how the notifier
 * rebuilds its delivered-set at startup and keeps it current with what other instances record.
 *
 * <p>The reading is the shared {@link dev.afterhours.directory.follow.TopicFollower}: after an error it restarts
 * with backoff where it stopped, and is not {@link #isCaughtUp() caught up} until it has caught up again. This
 * class adds the typing: a record that cannot be decoded, is not a {@code V}, or that the sink rejects is logged and
 * counted ({@link #skipped()}) and skipped: a follower is a read model, the producer of the record owns its
 * dead-lettering.
 */
public final class TopicFollower<V> implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TopicFollower.class);

    private final Topic<String, V> topic;
    private final Consumer<V> sink;
    private final AtomicLong rejected = new AtomicLong();
    private final dev.afterhours.directory.follow.TopicFollower<SpecificRecord> follower;

    private TopicFollower(KafkaConnection connection, String registryBaseUrl, Topic<String, V> topic,
            @Nullable Duration window, Clock clock, Consumer<V> sink) {
        this.topic = topic;
        this.sink = sink;
        this.follower = dev.afterhours.directory.follow.TopicFollower.<SpecificRecord>builder(topic.name(),
                        RegistrySerdes.valueDeserializer(RegistrySerdes.coreApi(registryBaseUrl)))
                .topic(topic.name())
                .connection(connection, "notifier-follower-" + topic.name())
                .startFrom(window == null ? StartFrom.beginning() : StartFrom.window(window, clock))
                .onRecord(this::apply)
                .clock(clock)
                .start();
    }

    /**
     * @param window read from {@code now - window}; null: from the beginning
     */
    public static <V> TopicFollower<V> start(KafkaConnection connection, String registryBaseUrl, Topic<String, V> topic,
            @Nullable Duration window, Clock clock, Consumer<V> sink) {
        return new TopicFollower<>(connection, registryBaseUrl, topic, window, clock, sink);
    }

    /** As {@link #start(KafkaConnection, String, Topic, Duration, Clock, Consumer)} on a plaintext listener (tests). */
    public static <V> TopicFollower<V> start(String bootstrapServers, String registryBaseUrl, Topic<String, V> topic,
            @Nullable Duration window, Clock clock, Consumer<V> sink) {
        return start(KafkaConnection.plaintext(bootstrapServers), registryBaseUrl, topic, window, clock, sink);
    }

    public String topicName() {
        return topic.name();
    }

    /** True once everything that was in the topic (from the window start) when we started has been applied. */
    public boolean isLoaded() {
        return follower.hasCaughtUpOnce();
    }

    public boolean awaitLoaded(Duration timeout) throws InterruptedException {
        return follower.awaitCaughtUpOnce(timeout);
    }

    /** True while current: loaded, and not restarting after an error. */
    public boolean isCaughtUp() {
        return follower.isCaughtUp();
    }

    /** Caught up, restarts, last error, for health details and metrics; its name is the topic's. */
    public FollowerStatus status() {
        return follower;
    }

    /** How many records could not be decoded, were of another type, or were rejected by the sink, and were skipped. */
    public long skipped() {
        return follower.skipped() + rejected.get();
    }

    /**
     * Waits until this follower has applied everything up to the given end offsets (e.g. the topic's end offsets as
     * a consumer saw them when it was assigned partitions).
     */
    public boolean awaitPositions(Map<TopicPartition, Long> targets, Duration timeout) throws InterruptedException {
        return follower.awaitPositions(targets, timeout);
    }

    private void apply(ConsumerRecord<String, byte[]> record, @Nullable SpecificRecord value) {
        if (value == null) {
            return;
        }
        if (!topic.valueType().isInstance(value)) {
            rejected.incrementAndGet();
            log.warn("Skipping record {}-{}@{}: a {} where {} was expected", record.topic(), record.partition(),
                    record.offset(), value.getClass().getSimpleName(), topic.valueType().getSimpleName());
            return;
        }
        try {
            sink.accept(topic.valueType().cast(value));
        } catch (RuntimeException e) {
            rejected.incrementAndGet();
            log.warn("Could not apply record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.toString());
        }
    }

    @Override
    public void close() {
        follower.close();
    }
}
