package dev.afterhours.ingest.message.kafka;

import dev.afterhours.contracts.Direction;
import dev.afterhours.contracts.MessageReceived;
import dev.afterhours.contracts.Topics;
import dev.afterhours.directory.follow.FollowerStatus;
import dev.afterhours.directory.follow.TopicFollower;
import dev.afterhours.directory.follow.TopicFollower.StartFrom;
import dev.afterhours.ingest.message.ReceivedIndex;
import dev.afterhours.ingest.message.ReplyRoute;
import dev.afterhours.ingest.message.Subjects;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.Deserializer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds the {@link ReceivedIndex} at startup by reading the received topic from {@code now - lookback}, then
 * keeps it current by following the topic, so retries and replies are recognised across restarts and across
 * instances. The reading is the shared {@link TopicFollower}: every partition, no consumer group (every instance
 * needs every record), and after an error it restarts with backoff where it stopped. Records it cannot decode are
 * counted and skipped (the index is a cache of the topic; nothing is lost from the topic itself). Entries older than
 * both windows are evicted every {@code evictionInterval}, on the follower's thread.
 */
public final class ReceivedTopicFollower implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ReceivedTopicFollower.class);

    private final ReceivedIndex index;
    private final Duration dedupWindow;
    private final Duration conversationWindow;
    private final Duration evictionInterval;
    private final Clock clock;
    private final AtomicLong applied = new AtomicLong();
    private final TopicFollower<MessageReceived> follower;
    /** Only read and written on the follower's thread. */
    private Instant nextEviction;

    private ReceivedTopicFollower(Supplier<? extends Consumer<String, byte[]>> consumers,
            Deserializer<MessageReceived> values, ReceivedIndex index, Duration dedupWindow,
            Duration conversationWindow, Duration evictionInterval, Clock clock) {
        this.index = index;
        this.dedupWindow = dedupWindow;
        this.conversationWindow = conversationWindow;
        this.evictionInterval = evictionInterval;
        this.clock = clock;
        this.nextEviction = clock.instant().plus(evictionInterval);
        Duration lookback = dedupWindow.compareTo(conversationWindow) >= 0 ? dedupWindow : conversationWindow;
        this.follower = TopicFollower.builder(Topics.MESSAGES_RECEIVED.name(), values)
                .topic(Topics.MESSAGES_RECEIVED.name())
                .consumers(consumers)
                .startFrom(StartFrom.window(lookback, clock))
                .onRecord(this::apply)
                .onCaughtUp(() -> log.info("Ingest index current: {} messages from the last {}", index.size(), lookback))
                .afterPoll(this::evictWhenDue)
                .clock(clock)
                .start();
    }

    /**
     * Starts following.
     *
     * @param consumers a new consumer for every (re)start, e.g. {@link TopicFollower#consumers(java.util.Map, String)}
     */
    public static ReceivedTopicFollower start(Supplier<? extends Consumer<String, byte[]>> consumers,
            Deserializer<MessageReceived> values, ReceivedIndex index, Duration dedupWindow,
            Duration conversationWindow, Duration evictionInterval, Clock clock) {
        return new ReceivedTopicFollower(consumers, values, index, dedupWindow, conversationWindow, evictionInterval,
                clock);
    }

    /** Waits until every record that was in the lookback window at start has been indexed. */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return follower.awaitCaughtUpOnce(timeout);
    }

    /**
     * True once the index has been rebuilt. It stays true while the follower restarts after an error: the index
     * then misses at most what other instances accepted meanwhile, which is better than refusing every message.
     */
    public boolean isRebuilt() {
        return follower.hasCaughtUpOnce();
    }

    /** Caught up now, restarts, last error, skipped (undecodable) records: for readiness and metrics. */
    public FollowerStatus status() {
        return follower;
    }

    public long undecodableRecords() {
        return follower.skipped();
    }

    public long appliedRecords() {
        return applied.get();
    }

    private void apply(ConsumerRecord<String, byte[]> record, @Nullable MessageReceived event) {
        if (event == null) {
            return;
        }
        index.add(new ReceivedIndex.Entry(event.getProvider(), event.getProviderMessageId(), event.getMessageId(),
                event.getClientId(), event.getConversationId(), counterpart(record, event), event.getReceivedAt(),
                Subjects.topic(event.getChannel(), event.getSubject())));
        ReplyRoute.of(event).ifPresent(index::addRoute);
        applied.incrementAndGet();
    }

    private void evictWhenDue() {
        Instant now = clock.instant();
        if (!now.isBefore(nextEviction)) {
            index.evict(now.minus(dedupWindow), now.minus(conversationWindow));
            nextEviction = now.plus(evictionInterval);
        }
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

    @Override
    public void close() {
        follower.close();
    }
}
