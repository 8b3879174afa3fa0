package dev.afterhours.notifier.digest;

import dev.afterhours.contracts.AutoReplyRecorded;
import dev.afterhours.contracts.AutoReplyRequested;
import dev.afterhours.contracts.DigestRecorded;
import dev.afterhours.contracts.SlaEvent;
import dev.afterhours.contracts.Topics;
import dev.afterhours.kafka.KafkaConnection;
import dev.afterhours.notifier.kafka.TopicFollower;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds the {@link DigestBook} (SLA events, acknowledgement requests and outcomes from {@code now - window}) and the
 * {@link DigestLedger} (the digests topic from its beginning), and checks for digests due every
 * {@code check-interval} once all four are read up to date, so nothing overnight is missed and no digest sent
 * before is sent again.
 */
public final class DigestFeed implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DigestFeed.class);

    private final List<TopicFollower<?>> followers;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("digests").factory());

    public DigestFeed(KafkaConnection connection, String registryUrl, DigestBook book, DigestLedger ledger,
            DigestSender sender, DigestProperties properties, Clock clock) {
        Duration window = properties.window();
        this.followers = List.of(
                TopicFollower.<SlaEvent>start(connection, registryUrl, Topics.SLA_EVENTS, window, clock, book::apply),
                TopicFollower.<AutoReplyRequested>start(connection, registryUrl, Topics.AUTO_REPLIES, window, clock, book::apply),
                TopicFollower.<AutoReplyRecorded>start(connection, registryUrl, Topics.AUTO_REPLY_OUTCOMES, window, clock,
                        book::apply),
                TopicFollower.<DigestRecorded>start(connection, registryUrl, Topics.NOTIFIER_DIGESTS, null, clock,
                        ledger::apply));
        long every = properties.checkInterval().toMillis();
        timer.scheduleWithFixedDelay(() -> {
            try {
                if (followers.stream().allMatch(TopicFollower::isCaughtUp)) {
                    book.forgetBefore(clock.instant().minus(window));
                    sender.sendDue();
                }
            } catch (RuntimeException e) {
                log.error("Digest check failed; the next one runs in {} ms", every, e);
            }
        }, every, every, TimeUnit.MILLISECONDS);
    }

    /** True once every topic the digests read is read up to date. */
    public boolean caughtUp() {
        return followers.stream().allMatch(TopicFollower::isCaughtUp);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        followers.forEach(TopicFollower::close);
    }
}
