package dev.afterhours.directory.follow;

import dev.afterhours.kafka.ConsumerSettings;
import dev.afterhours.kafka.ConsumerSettings.Start;
import dev.afterhours.kafka.KafkaConnection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
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
 * Keeps an in-memory view of one or more topics current, the way a {@code GlobalKTable} does: every partition,
 * read_committed, no consumer group (every instance needs every record). It reads from the start position to the
 * end offsets it saw when the consumer started ("caught up" once every partition reached them), then keeps
 * following.
 *
 * <p>On any error (a broker, registry or handler failure) it closes the consumer, reports not caught up, waits
 * (backoff doubling from 1s to 30s by default), creates a new consumer and carries on from the next record it has
 * not applied yet, so a view sees each record once and in order across restarts; partitions it never read start
 * from the start position. A handler that throws therefore gets the same record again after the restart. The one
 * error that does not restart it is a record whose value cannot be decoded: that record is logged at WARN,
 * counted ({@link #skipped()}), handed to {@link Builder#onUndecodable} if set, and skipped.
 *
 * @param <V> the decoded value type
 */
public final class TopicFollower<V> implements FollowerStatus, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TopicFollower.class);
    private static final Duration POLL = Duration.ofMillis(200);

    /** Applies one record; {@code value} is null for a tombstone. Runs on the follower's thread. */
    @FunctionalInterface
    public interface RecordHandler<V> {
        void apply(ConsumerRecord<String, byte[]> record, @Nullable V value);
    }

    /** Told of a record whose value could not be decoded (after it was logged and counted). */
    @FunctionalInterface
    public interface UndecodableHandler {
        void skipped(ConsumerRecord<String, byte[]> record, RuntimeException error);
    }

    /** Where a partition is read from the first time: its beginning, or the first record at or after now - window. */
    public record StartFrom(@Nullable Duration window, Clock clock) {

        public static StartFrom beginning() {
            return new StartFrom(null, Clock.systemUTC());
        }

        public static StartFrom window(Duration window, Clock clock) {
            return new StartFrom(window, clock);
        }
    }

    private final String name;
    private final List<String> topics;
    private final Supplier<? extends Consumer<String, byte[]>> consumers;
    private final Deserializer<V> values;
    private final RecordHandler<V> handler;
    private final @Nullable UndecodableHandler onUndecodable;
    private final Runnable onCaughtUp;
    private final Runnable afterPoll;
    private final StartFrom startFrom;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Clock clock;
    private final Thread thread;

    private final Object state = new Object();
    /** Per partition, the offset of the next record to apply. */
    private final Map<TopicPartition, Long> positions = new ConcurrentHashMap<>();
    private final AtomicLong restarts = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private volatile boolean running = true;
    private volatile boolean caughtUp;
    private volatile boolean caughtUpOnce;
    private volatile List<TopicPartition> partitions = List.of();
    private volatile @Nullable Failure lastFailure;
    private volatile @Nullable Consumer<String, byte[]> current;
    /** The wait before the next restart; back to the initial one whenever the follower catches up. */
    private Duration backoff;

    private TopicFollower(Builder<V> builder) {
        this.name = builder.name;
        this.topics = List.copyOf(builder.topics);
        this.consumers = Objects.requireNonNull(builder.consumers, "consumers (or bootstrapServers)");
        this.values = builder.values;
        this.handler = Objects.requireNonNull(builder.handler, "onRecord");
        this.onUndecodable = builder.onUndecodable;
        this.onCaughtUp = builder.onCaughtUp;
        this.afterPoll = builder.afterPoll;
        this.startFrom = builder.startFrom;
        this.initialBackoff = builder.initialBackoff;
        this.maxBackoff = builder.maxBackoff;
        this.backoff = builder.initialBackoff;
        this.clock = builder.clock;
        this.thread = Thread.ofPlatform().daemon().name("follower-" + name).unstarted(this::run);
    }

    /**
     * @param name   for logs, health and metrics, e.g. {@code directory}
     * @param values decodes record values; closed with the follower
     */
    public static <V> Builder<V> builder(String name, Deserializer<V> values) {
        return new Builder<>(name, values);
    }

    /**
     * Consumers with the settings a follower needs: no group, no commits, read_committed, and
     * {@code auto.offset.reset=earliest} so a position that no longer exists (the topic was recreated, or
     * retention removed it) falls back to the oldest record rather than past the records it did not read.
     */
    public static Supplier<Consumer<String, byte[]>> consumers(KafkaConnection connection, String clientIdPrefix) {
        return consumers(connection.clientConfig(), clientIdPrefix);
    }

    /** As {@link #consumers(KafkaConnection, String)} on a plaintext listener (the local stack, tests). */
    public static Supplier<Consumer<String, byte[]>> consumers(String bootstrapServers, String clientIdPrefix) {
        return consumers(KafkaConnection.plaintext(bootstrapServers), clientIdPrefix);
    }

    /**
     * Like {@link #consumers(KafkaConnection, String)}, starting from a service's own consumer settings (bootstrap servers,
     * TLS, SASL...); the settings a follower depends on replace whatever those say, and any group id is dropped.
     */
    public static Supplier<Consumer<String, byte[]>> consumers(Map<String, Object> baseConfig, String clientIdPrefix) {
        Map<String, Object> base = Map.copyOf(baseConfig);
        return () -> {
            Map<String, Object> config = ConsumerSettings.from(base).withoutGroup().readCommitted()
                    .startAt(Start.EARLIEST).clientId(clientIdPrefix).build();
            return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        };
    }

    @Override
    public String name() {
        return name;
    }

    public List<String> topics() {
        return topics;
    }

    @Override
    public boolean isCaughtUp() {
        return caughtUp;
    }

    @Override
    public boolean hasCaughtUpOnce() {
        return caughtUpOnce;
    }

    @Override
    public long restarts() {
        return restarts.get();
    }

    @Override
    public long skipped() {
        return skipped.get();
    }

    @Override
    public Optional<Failure> lastFailure() {
        return Optional.ofNullable(lastFailure);
    }

    /** True until {@link #close()}: the follower's thread keeps trying, through errors. */
    public boolean isRunning() {
        return thread.isAlive();
    }

    /** The partitions followed; empty until the topics' metadata has been read. */
    public List<TopicPartition> partitions() {
        return partitions;
    }

    /** Per partition, the offset of the next record to apply. */
    public Map<TopicPartition, Long> positions() {
        return Map.copyOf(positions);
    }

    /** Waits up to {@code timeout} until the follower is caught up (now, not merely once); true if it is. */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return await(this::isCaughtUp, timeout);
    }

    /** Waits up to {@code timeout} until the follower has caught up at least once; true if it has. */
    public boolean awaitCaughtUpOnce(Duration timeout) throws InterruptedException {
        return await(this::hasCaughtUpOnce, timeout);
    }

    /** Waits until every partition has been applied up to the given offsets (e.g. end offsets a consumer saw). */
    public boolean awaitPositions(Map<TopicPartition, Long> targets, Duration timeout) throws InterruptedException {
        return await(() -> reached(targets), timeout);
    }

    private boolean await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (state) {
            while (!condition.getAsBoolean()) {
                long remainingMillis = (deadline - System.nanoTime()) / 1_000_000;
                if (remainingMillis <= 0 || !running) {
                    return condition.getAsBoolean();
                }
                state.wait(remainingMillis);
            }
            return true;
        }
    }

    private boolean reached(Map<TopicPartition, Long> targets) {
        return targets.entrySet().stream().allMatch(e -> positions.getOrDefault(e.getKey(), -1L) >= e.getValue());
    }

    private void changed() {
        synchronized (state) {
            state.notifyAll();
        }
    }

    private TopicFollower<V> start() {
        thread.start();
        return this;
    }

    private void run() {
        while (running) {
            Consumer<String, byte[]> consumer = null;
            try {
                consumer = consumers.get();
                current = consumer;
                if (!running) {
                    break;
                }
                follow(consumer);
            } catch (WakeupException e) {
                if (!running) {
                    break;
                }
                failed(e);
            } catch (RuntimeException e) {
                if (!running) {
                    break;
                }
                failed(e);
            } finally {
                current = null;
                closeQuietly(consumer);
            }
        }
        caughtUp = false;
        changed();
        try {
            values.close();
        } catch (RuntimeException e) {
            log.debug("Closing the {} follower's deserializer failed", name, e);
        }
    }

    /** Records the error, waits out the backoff and doubles it. */
    private void failed(RuntimeException error) {
        caughtUp = false;
        lastFailure = new Failure(error, clock.instant());
        changed();
        log.error("Following {} ({}) failed; restarting in {} (restart {})", name, String.join(", ", topics), backoff,
                restarts.get() + 1, error);
        long until = System.nanoTime() + backoff.toNanos();
        synchronized (state) {
            long remaining;
            while (running && (remaining = (until - System.nanoTime()) / 1_000_000) > 0) {
                try {
                    state.wait(remaining);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    running = false;
                }
            }
        }
        if (running) {
            restarts.incrementAndGet();
        }
        Duration doubled = backoff.multipliedBy(2);
        backoff = doubled.compareTo(maxBackoff) > 0 ? maxBackoff : doubled;
    }

    private void follow(Consumer<String, byte[]> consumer) {
        List<TopicPartition> assigned = discover(consumer);
        if (!running) {
            return;
        }
        consumer.assign(assigned);
        Map<TopicPartition, Long> ends = consumer.endOffsets(assigned);
        seek(consumer, assigned, ends);
        partitions = List.copyOf(assigned);
        log.info("Following {} ({} partitions of {}){}", name, assigned.size(), String.join(", ", topics),
                restarts.get() == 0 ? "" : " after restart " + restarts.get());
        while (running) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                apply(record);
                positions.put(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
            }
            for (TopicPartition partition : assigned) {
                // The position also moves past transaction markers and compacted-away offsets.
                positions.put(partition, consumer.position(partition));
            }
            if (!caughtUp && reached(ends)) {
                caughtUp = true;
                caughtUpOnce = true;
                backoff = initialBackoff;
                onCaughtUp.run();
                log.info("{} caught up ({} partitions)", name, assigned.size());
            }
            changed();
            afterPoll.run();
        }
    }

    private List<TopicPartition> discover(Consumer<String, byte[]> consumer) {
        List<TopicPartition> assigned = new ArrayList<>();
        for (String topic : topics) {
            List<PartitionInfo> infos = List.of();
            while (running && infos.isEmpty()) {
                infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
                if (infos.isEmpty()) {
                    log.info("{}: waiting for topic {} to exist", name, topic);
                }
            }
            infos.forEach(p -> assigned.add(new TopicPartition(p.topic(), p.partition())));
        }
        return assigned;
    }

    private void seek(Consumer<String, byte[]> consumer, List<TopicPartition> assigned, Map<TopicPartition, Long> ends) {
        List<TopicPartition> fresh = new ArrayList<>();
        for (TopicPartition partition : assigned) {
            Long next = positions.get(partition);
            if (next != null) {
                consumer.seek(partition, next);
            } else {
                fresh.add(partition);
            }
        }
        if (fresh.isEmpty()) {
            return;
        }
        Duration window = startFrom.window();
        if (window == null) {
            consumer.seekToBeginning(fresh);
            return;
        }
        Instant since = startFrom.clock().instant().minus(window);
        Map<TopicPartition, Long> query = new HashMap<>();
        fresh.forEach(p -> query.put(p, since.toEpochMilli()));
        Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(query);
        for (TopicPartition partition : fresh) {
            OffsetAndTimestamp start = starts.get(partition);
            // No record at or after `since`: nothing in this partition is recent enough to matter.
            consumer.seek(partition, start != null ? start.offset() : ends.get(partition));
        }
        log.info("{}: reading {} partitions from {}", name, fresh.size(), since);
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        V value = null;
        if (record.value() != null) {
            try {
                value = values.deserialize(record.topic(), record.value());
            } catch (RuntimeException e) {
                skipped.incrementAndGet();
                log.warn("{}: skipping undecodable record {}-{}@{}: {}", name, record.topic(), record.partition(),
                        record.offset(), e.toString());
                if (onUndecodable != null) {
                    onUndecodable.skipped(record, e);
                }
                return;
            }
        }
        handler.apply(record, value);
    }

    private void closeQuietly(@Nullable Consumer<String, byte[]> consumer) {
        if (consumer == null) {
            return;
        }
        try {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        } catch (RuntimeException e) {
            log.debug("Closing the {} follower's consumer failed", name, e);
        }
    }

    /** Stops following and waits for the thread to end; the deserializer is closed with it. */
    @Override
    public void close() {
        running = false;
        Consumer<String, byte[]> consumer = current;
        if (consumer != null) {
            consumer.wakeup();
        }
        changed();
        if (Thread.currentThread() != thread) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Builds and {@link #start() starts} a follower. */
    public static final class Builder<V> {

        private final String name;
        private final Deserializer<V> values;
        private final List<String> topics = new ArrayList<>();
        private @Nullable Supplier<? extends Consumer<String, byte[]>> consumers;
        private @Nullable RecordHandler<V> handler;
        private @Nullable UndecodableHandler onUndecodable;
        private Runnable onCaughtUp = () -> { };
        private Runnable afterPoll = () -> { };
        private StartFrom startFrom = StartFrom.beginning();
        private Duration initialBackoff = Duration.ofSeconds(1);
        private Duration maxBackoff = Duration.ofSeconds(30);
        private Clock clock = Clock.systemUTC();

        private Builder(String name, Deserializer<V> values) {
            this.name = name;
            this.values = values;
        }

        public Builder<V> topics(Collection<String> names) {
            topics.addAll(names);
            return this;
        }

        public Builder<V> topic(String topicName) {
            topics.add(topicName);
            return this;
        }

        /** Standard follower consumers ({@link TopicFollower#consumers}), client id {@code <prefix>-<uuid>}. */
        public Builder<V> connection(KafkaConnection connection, String clientIdPrefix) {
            return consumers(TopicFollower.consumers(connection, clientIdPrefix));
        }

        /** As {@link #connection(KafkaConnection, String)} on a plaintext listener (the local stack, tests). */
        public Builder<V> bootstrapServers(String bootstrapServers, String clientIdPrefix) {
            return connection(KafkaConnection.plaintext(bootstrapServers), clientIdPrefix);
        }

        /** Called for every (re)start; each consumer is closed by the follower. */
        public Builder<V> consumers(Supplier<? extends Consumer<String, byte[]>> factory) {
            this.consumers = factory;
            return this;
        }

        public Builder<V> onRecord(RecordHandler<V> recordHandler) {
            this.handler = recordHandler;
            return this;
        }

        public Builder<V> onUndecodable(UndecodableHandler undecodableHandler) {
            this.onUndecodable = undecodableHandler;
            return this;
        }

        /** Runs on the follower's thread each time it catches up: the first time, and after every restart. */
        public Builder<V> onCaughtUp(Runnable action) {
            this.onCaughtUp = action;
            return this;
        }

        /** Runs on the follower's thread after every poll (housekeeping such as evicting old entries). */
        public Builder<V> afterPoll(Runnable action) {
            this.afterPoll = action;
            return this;
        }

        public Builder<V> startFrom(StartFrom start) {
            this.startFrom = start;
            return this;
        }

        /** The wait before the first restart, doubled after every failed attempt up to {@code max}. */
        public Builder<V> backoff(Duration initial, Duration max) {
            this.initialBackoff = initial;
            this.maxBackoff = max;
            return this;
        }

        /** Timestamps {@link Failure#at()}. */
        public Builder<V> clock(Clock failureClock) {
            this.clock = failureClock;
            return this;
        }

        public TopicFollower<V> start() {
            if (topics.isEmpty()) {
                throw new IllegalStateException("A follower needs at least one topic");
            }
            return new TopicFollower<>(this).start();
        }
    }
}
