package dev.afterhours.classifier.correction.kafka;

import dev.afterhours.classifier.correction.MessagePositions;
import dev.afterhours.contracts.MessageClassified;
import dev.afterhours.contracts.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows {@code afterhours.messages.classified.v1} from the beginning, read_committed, with no consumer group
 * (every instance needs every message, as the directory view does), and keeps only where each message's latest
 * classification is. Each classification read is also handed on ({@code alsoTo}): the pipeline's contact history
 * is rebuilt from it after a restart.
 */
public final class ClassifiedTopicFollower implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ClassifiedTopicFollower.class);

    private final MessagePositions positions = new MessagePositions();
    private final KafkaConsumer<String, byte[]> consumer;
    private final Deserializer<SpecificRecord> values;
    private final Thread thread;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private final Object progress = new Object();
    private final AtomicLong skipped = new AtomicLong();
    private final Consumer<MessageClassified> alsoTo;
    /** Per partition, the offset of the next record to index; replaced after every poll. */
    private volatile Map<TopicPartition, Long> consumed = Map.of();
    private volatile boolean running = true;
    private volatile @Nullable Throwable failure;

    /**
     * @param alsoTo told of every classification read, in topic order, from the beginning: what else is rebuilt
     *               from the topic (the contact history)
     */
    ClassifiedTopicFollower(KafkaConsumer<String, byte[]> consumer, Deserializer<SpecificRecord> values,
            Consumer<MessageClassified> alsoTo) {
        this.consumer = consumer;
        this.values = values;
        this.alsoTo = alsoTo;
        this.thread = Thread.ofPlatform().daemon().name("classified-topic-index").unstarted(this::run);
    }

    ClassifiedTopicFollower start() {
        thread.start();
        return this;
    }

    public MessagePositions positions() {
        return positions;
    }

    /** The partitions followed; empty until the topic's metadata has been read. */
    public List<TopicPartition> partitions() {
        return List.copyOf(consumed.keySet());
    }

    /** True once everything that was on the topic when the follower started has been indexed. */
    public boolean isCaughtUp() {
        return caughtUp.getCount() == 0;
    }

    /** Waits up to {@code timeout} for {@link #isCaughtUp()}; true if it is. */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Records that were not a decodable MessageClassified (logged one by one). */
    public long skipped() {
        return skipped.get();
    }

    /** Why the follower stopped, if it stopped on an error rather than on close. */
    public @Nullable Throwable failure() {
        return failure;
    }

    /** Waits until the index has read every partition up to the given offsets (e.g. its current end offsets). */
    public boolean awaitIndexed(Map<TopicPartition, Long> targets, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (progress) {
            while (!reached(targets)) {
                long remainingMillis = (deadline - System.nanoTime()) / 1_000_000;
                if (remainingMillis <= 0 || !running) {
                    return reached(targets);
                }
                progress.wait(remainingMillis);
            }
            return true;
        }
    }

    private boolean reached(Map<TopicPartition, Long> targets) {
        Map<TopicPartition, Long> now = consumed;
        return targets.entrySet().stream().allMatch(e -> now.getOrDefault(e.getKey(), -1L) >= e.getValue());
    }

    private void run() {
        try {
            List<TopicPartition> assigned = new ArrayList<>();
            List<PartitionInfo> infos = List.of();
            while (running && infos.isEmpty()) {
                infos = consumer.partitionsFor(Topics.MESSAGES_CLASSIFIED.name(), Duration.ofSeconds(10));
            }
            infos.forEach(p -> assigned.add(new TopicPartition(p.topic(), p.partition())));
            consumer.assign(assigned);
            consumer.seekToBeginning(assigned);
            Map<TopicPartition, Long> startupEnd = consumer.endOffsets(assigned);
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    index(record);
                }
                Map<TopicPartition, Long> now = new HashMap<>();
                assigned.forEach(p -> now.put(p, consumer.position(p)));
                consumed = Map.copyOf(now);
                synchronized (progress) {
                    progress.notifyAll();
                }
                if (!isCaughtUp() && reached(startupEnd)) {
                    caughtUp.countDown();
                    log.info("Classified topic indexed up to its startup end: {} messages", positions.size());
                }
            }
        } catch (WakeupException stopping) {
            // close() was called
        } catch (RuntimeException e) {
            failure = e;
            log.error("The classified-topic index stopped; corrections will not find new messages", e);
        } finally {
            running = false;
            synchronized (progress) {
                progress.notifyAll();
            }
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        }
    }

    private void index(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return; // a tombstone classifies nothing
        }
        try {
            switch (values.deserialize(record.topic(), record.value())) {
                case MessageClassified classified -> {
                    positions.put(classified.getMessageId(), record.partition(), record.offset());
                    alsoTo.accept(classified);
                }
                case null, default -> skip(record, "not a MessageClassified");
            }
        } catch (RuntimeException e) {
            skip(record, e.toString());
        }
    }

    private void skip(ConsumerRecord<String, byte[]> record, String why) {
        skipped.incrementAndGet();
        log.warn("Not indexing {}-{}@{} (key {}): {}", record.topic(), record.partition(), record.offset(),
                record.key(), why);
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
