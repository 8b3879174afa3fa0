package dev.afterhours.notifier.report;

import dev.afterhours.contracts.MessageClassified;
import dev.afterhours.contracts.NotificationEvent;
import dev.afterhours.contracts.SlaEvent;
import dev.afterhours.contracts.Topics;
import dev.afterhours.contracts.UrgencyCorrected;
import dev.afterhours.directory.DirectoryView;
import dev.afterhours.kafka.KafkaConnection;
import dev.afterhours.notifier.kafka.TopicFollower;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds the {@link ReportStore} from the topics, from their beginning, at every start: nothing is stored but in
 * Kafka, so a restart rebuilds the same figures, and no offsets are committed (the shared follower reads every
 * partition, read_committed, without a consumer group; each instance keeps its own complete copy).
 *
 * <p>In two steps, so that an SLA finds the channel of its message: first the classified messages and the
 * urgency corrections (once the directory is loaded, for calendars and emergency lines), then, once those have
 * caught up, the SLA events and the notifications. Until all four have caught up, reports say they are not complete.
 */
public final class ReportFeed implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ReportFeed.class);

    private final List<TopicFollower<?>> followers = new CopyOnWriteArrayList<>();
    private final Thread starter;
    private volatile boolean running = true;

    /** As {@link #ReportFeed(KafkaConnection, String, DirectoryView, ReportStore, Clock)} on a plaintext listener. */
    public ReportFeed(String bootstrapServers, String registryUrl, DirectoryView directory, ReportStore store, Clock clock) {
        this(KafkaConnection.plaintext(bootstrapServers), registryUrl, directory, store, clock);
    }

    public ReportFeed(KafkaConnection connection, String registryUrl, DirectoryView directory, ReportStore store,
            Clock clock) {
        this.starter = Thread.ofPlatform().daemon().name("report-feed").start(() -> {
            try {
                while (running && !directory.awaitLoaded(Duration.ofSeconds(10))) {
                    log.info("Reports wait for the directory");
                }
                if (!running) {
                    return;
                }
                TopicFollower<MessageClassified> messages = follow(TopicFollower.start(connection, registryUrl,
                        Topics.MESSAGES_CLASSIFIED, null, clock, store::apply));
                TopicFollower<UrgencyCorrected> corrections = follow(TopicFollower.start(connection, registryUrl,
                        Topics.URGENCY_CORRECTIONS, null, clock, store::apply));
                while (running && !(messages.awaitLoaded(Duration.ofSeconds(10))
                        && corrections.awaitLoaded(Duration.ofSeconds(10)))) {
                    log.info("Reports: reading classified messages and corrections");
                }
                if (!running) {
                    return;
                }
                follow(TopicFollower.<SlaEvent>start(connection, registryUrl, Topics.SLA_EVENTS, null, clock,
                        store::apply));
                follow(TopicFollower.<NotificationEvent>start(connection, registryUrl, Topics.NOTIFICATIONS, null,
                        clock, store::apply));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    private <V> TopicFollower<V> follow(TopicFollower<V> follower) {
        followers.add(follower);
        if (!running) {
            follower.close();
        }
        return follower;
    }

    /** True when every topic the reports read has been read up to where it was, and is being followed. */
    public boolean complete() {
        return followers.size() == 4 && followers.stream().allMatch(TopicFollower::isCaughtUp);
    }

    /** The topics not read up to date yet (all four until they have been started). */
    public List<String> catchingUp() {
        List<String> pending = new ArrayList<>(List.of(Topics.MESSAGES_CLASSIFIED.name(),
                Topics.URGENCY_CORRECTIONS.name(), Topics.SLA_EVENTS.name(), Topics.NOTIFICATIONS.name()));
        followers.stream().filter(TopicFollower::isCaughtUp).forEach(f -> pending.remove(f.topicName()));
        return pending;
    }

    /** Records that could not be decoded or applied, and were skipped. */
    public long skipped() {
        return followers.stream().mapToLong(TopicFollower::skipped).sum();
    }

    @Override
    public void close() {
        running = false;
        starter.interrupt();
        followers.forEach(TopicFollower::close);
    }
}
