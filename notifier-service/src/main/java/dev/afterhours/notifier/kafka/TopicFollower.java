package dev.afterhours.notifier.kafka;

import dev.afterhours.contracts.Topic;
import dev.afterhours.contracts.serde.RegistrySerdes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a whole topic (every partition, no consumer group: every instance needs all of it), from the beginning or
 * from {@code now - window}, and then keeps following it, handing each value to a sink. This is how the notifier
 * rebuilds its delivered-set at startup and keeps it current with what other instances record.
 *
 * <p>A record that cannot be decoded is logged and counted ({@link #skipped()}) and skipped: a follower is a read
 * model, the producer of the record owns its dead-lettering.
 */
public final class TopicFollower<V> implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TopicFollower.class);

    private final Topic<String, V> topic;
    private final @Nullable Duration window;
    private final Clock clock;
    private final Consumer<V> sink;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Deserializer<SpecificRecord> values;
    private final Thread thread;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private final Map<TopicPartition, Long> positions = new ConcurrentHashMap<>();
    private final AtomicLong skipped = new AtomicLong();
    private volatile boolean running = true;

    private TopicFollower(String bootstrapServers, String registryBaseUrl, Topic<String, V> topic,
            @Nullable Duration window, Clock clock, Consumer<V> sink) {
        this.topic = topic;
        this.window = window;
        this.clock = clock;
        this.sink = sink;
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "notifier-follower-" + topic.name() + "-" + UUID.randomUUID());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        this.values = RegistrySerdes.valueDeserializer(RegistrySerdes.coreApi(registryBaseUrl));
        this.thread = new Thread(this::run, "follower-" + topic.name());
        this.thread.setDaemon(true);
    }

    /**
     * @param window read from {@code now - window}; null: from the beginning
     */
    public static <V> TopicFollower<V> start(String bootstrapServers, String registryBaseUrl, Topic<String, V> topic,
            @Nullable Duration window, Clock clock, Consumer<V> sink) {
        TopicFollower<V> follower = new TopicFollower<>(bootstrapServers, registryBaseUrl, topic, window, clock, sink);
        follower.thread.start();
        return follower;
    }

    public String topicName() {
        return topic.name();
    }

    /** True once everything that was in the topic (from the window start) when we started has been applied. */
    public boolean isLoaded() {
        return caughtUp.getCount() == 0;
    }

    public boolean awaitLoaded(Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** How many records could not be decoded and were skipped. */
    public long skipped() {
        return skipped.get();
    }

    /**
     * Waits until this follower has applied everything up to the given end offsets (e.g. the topic's end offsets as
     * a consumer saw them when it was assigned partitions).
     */
    public boolean awaitPositions(Map<TopicPartition, Long> targets, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (reached(targets)) {
                return true;
            }
            Thread.sleep(20);
        }
        return reached(targets);
    }

    private boolean reached(Map<TopicPartition, Long> targets) {
        return targets.entrySet().stream().allMatch(e -> positions.getOrDefault(e.getKey(), -1L) >= e.getValue());
    }

    private void run() {
        try {
            List<TopicPartition> partitions = new ArrayList<>();
            List<PartitionInfo> infos = List.of();
            while (running && infos.isEmpty()) {
                infos = consumer.partitionsFor(topic.name(), Duration.ofSeconds(10));
            }
            infos.forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            consumer.assign(partitions);
            seekToStart(partitions);
            Map<TopicPartition, Long> startupEnd = consumer.endOffsets(partitions);
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    apply(record);
                }
                for (TopicPartition partition : partitions) {
                    positions.put(partition, consumer.position(partition));
                }
                if (caughtUp.getCount() > 0 && reached(startupEnd)) {
                    caughtUp.countDown();
                    log.info("Caught up with {} ({} partitions{})", topic.name(), partitions.size(),
                            window == null ? ", from the beginning" : ", window " + window);
                }
            }
        } catch (WakeupException stopping) {
            // close() was called
        } catch (RuntimeException e) {
            log.error("Follower of {} stopped", topic.name(), e);
        } finally {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        }
    }

    private void seekToStart(List<TopicPartition> partitions) {
        if (window == null) {
            consumer.seekToBeginning(partitions);
            return;
        }
        long from = clock.instant().minus(window).toEpochMilli();
        Map<TopicPartition, Long> timestamps = new HashMap<>();
        partitions.forEach(p -> timestamps.put(p, from));
        Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(timestamps);
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        for (TopicPartition partition : partitions) {
            OffsetAndTimestamp offset = offsets.get(partition);
            consumer.seek(partition, offset == null ? ends.get(partition) : offset.offset());
        }
        log.info("Reading {} from {}", topic.name(), Instant.ofEpochMilli(from));
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return;
        }
        SpecificRecord value;
        try {
            value = values.deserialize(record.topic(), record.value());
        } catch (RuntimeException e) {
            skipped.incrementAndGet();
            log.warn("Skipping undecodable record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.toString());
            return;
        }
        if (!topic.valueType().isInstance(value)) {
            skipped.incrementAndGet();
            log.warn("Skipping record {}-{}@{}: a {} where {} was expected", record.topic(), record.partition(),
                    record.offset(), value == null ? "null" : value.getClass().getSimpleName(), topic.valueType().getSimpleName());
            return;
        }
        try {
            sink.accept(topic.valueType().cast(value));
        } catch (RuntimeException e) {
            skipped.incrementAndGet();
            log.warn("Could not apply record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.toString());
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        values.close();
    }
}
