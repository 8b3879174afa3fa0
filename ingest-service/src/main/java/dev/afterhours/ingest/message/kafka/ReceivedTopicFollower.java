package dev.afterhours.ingest.message.kafka;

import dev.afterhours.contracts.Direction;
import dev.afterhours.contracts.MessageReceived;
import dev.afterhours.contracts.Topics;
import dev.afterhours.ingest.message.ReceivedIndex;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.Deserializer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds the {@link ReceivedIndex} at startup by reading the received topic from {@code now - lookback}
 * (located per partition with offsetsForTimes), then keeps it current by following the topic, so retries and
 * replies are recognised across restarts and across instances. One thread, all partitions, no consumer group:
 * every instance needs every record. Records it cannot decode are counted and skipped (the index is a cache of
 * the topic; nothing is lost from the topic itself).
 */
public final class ReceivedTopicFollower implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ReceivedTopicFollower.class);

    private final Consumer<String, byte[]> consumer;
    private final Deserializer<MessageReceived> values;
    private final ReceivedIndex index;
    private final Duration lookback;
    private final Duration dedupWindow;
    private final Duration conversationWindow;
    private final Duration evictionInterval;
    private final Clock clock;
    private final Thread thread;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private final AtomicLong undecodable = new AtomicLong();
    private final AtomicLong applied = new AtomicLong();
    private volatile boolean running = true;
    private volatile @Nullable String lastError;

    public ReceivedTopicFollower(Consumer<String, byte[]> consumer, Deserializer<MessageReceived> values,
            ReceivedIndex index, Duration dedupWindow, Duration conversationWindow, Duration evictionInterval,
            Clock clock) {
        this.consumer = consumer;
        this.values = values;
        this.index = index;
        this.dedupWindow = dedupWindow;
        this.conversationWindow = conversationWindow;
        this.lookback = dedupWindow.compareTo(conversationWindow) >= 0 ? dedupWindow : conversationWindow;
        this.evictionInterval = evictionInterval;
        this.clock = clock;
        this.thread = new Thread(this::run, "received-topic-follower");
        this.thread.setDaemon(true);
    }

    public synchronized void start() {
        if (running && !thread.isAlive()) {
            thread.start();
        }
    }

    /** Waits until every record that was in the lookback window at start has been indexed. */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public boolean isCaughtUp() {
        return caughtUp.getCount() == 0;
    }

    public boolean isRunning() {
        return thread.isAlive();
    }

    public long undecodableRecords() {
        return undecodable.get();
    }

    public long appliedRecords() {
        return applied.get();
    }

    public @Nullable String lastError() {
        return lastError;
    }

    private void run() {
        while (running) {
            try {
                follow();
            } catch (WakeupException e) {
                // close() was called
            } catch (RuntimeException e) {
                if (!running) {
                    break;
                }
                lastError = e.toString();
                log.error("Following {} failed; starting over in 1s", Topics.MESSAGES_RECEIVED.name(), e);
                sleepQuietly(Duration.ofSeconds(1));
            }
        }
        try {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        } catch (RuntimeException e) {
            log.debug("Closing the follower's consumer failed", e);
        }
    }

    private void follow() {
        String topic = Topics.MESSAGES_RECEIVED.name();
        List<PartitionInfo> infos = List.of();
        while (running && infos.isEmpty()) {
            infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
        }
        List<TopicPartition> partitions = new ArrayList<>();
        infos.forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
        consumer.assign(partitions);

        Instant since = clock.instant().minus(lookback);
        Map<TopicPartition, Long> query = new HashMap<>();
        partitions.forEach(p -> query.put(p, since.toEpochMilli()));
        Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(query);
        Map<TopicPartition, Long> startupEnd = consumer.endOffsets(partitions);
        for (TopicPartition partition : partitions) {
            OffsetAndTimestamp start = starts.get(partition);
            // No record at or after `since`: nothing in this partition is recent enough to matter.
            consumer.seek(partition, start != null ? start.offset() : startupEnd.get(partition));
        }
        log.info("Rebuilding the ingest index from {} since {} ({} partitions)", topic, since, partitions.size());

        Instant nextEviction = clock.instant().plus(evictionInterval);
        while (running) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                apply(record);
            }
            if (!isCaughtUp() && partitions.stream().allMatch(p -> consumer.position(p) >= startupEnd.get(p))) {
                caughtUp.countDown();
                log.info("Ingest index rebuilt: {} messages from the last {}", index.size(), lookback);
            }
            Instant now = clock.instant();
            if (!now.isBefore(nextEviction)) {
                index.evict(now.minus(dedupWindow), now.minus(conversationWindow));
                nextEviction = now.plus(evictionInterval);
            }
            lastError = null;
        }
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return;
        }
        MessageReceived event;
        try {
            event = values.deserialize(record.topic(), record.value());
        } catch (RuntimeException e) {
            undecodable.incrementAndGet();
            log.warn("Cannot index undecodable record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.toString());
            return;
        }
        if (event == null) {
            return;
        }
        index.add(new ReceivedIndex.Entry(event.getProvider(), event.getProviderMessageId(), event.getMessageId(),
                event.getClientId(), event.getConversationId(), counterpart(record, event), event.getReceivedAt()));
        applied.incrementAndGet();
    }

    /** The counterpart ingest recorded in the header; for records without it, the same rule ingest applies. */
    static String counterpart(ConsumerRecord<String, byte[]> record, MessageReceived event) {
        Header header = record.headers().lastHeader(KafkaReceivedMessageSink.COUNTERPART_HEADER);
        if (header != null && header.value() != null) {
            return new String(header.value(), StandardCharsets.UTF_8);
        }
        if (event.getDirection() == Direction.OUTBOUND && !event.getTo().isEmpty()) {
            return event.getTo().getFirst();
        }
        return event.getFrom();
    }

    private static void sleepQuietly(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized void close() {
        boolean started = thread.isAlive();
        running = false;
        if (started) {
            consumer.wakeup();
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } else {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        }
        values.close();
    }
}
