package dev.afterhours.classifier.triage.kafka;

import dev.afterhours.classifier.correction.kafka.ClassifiedTopicFollower;
import dev.afterhours.directory.DirectoryView;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.stereotype.Component;

/**
 * Starts consuming only once the directory has been read to its end: a message classified before that would be
 * judged without its client (default calendar, no emergency phrases), and with exactly-once that verdict is final.
 * Likewise it waits for the classified topic to be read back up to its end at startup, which rebuilds the contact
 * history: the third call in ten minutes is the third even if the service restarted after the second. The emergency
 * fast lane starts at the same moment, on its own thread.
 */
@Component
class ListenerStarter implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ListenerStarter.class);

    private final DirectoryView directory;
    private final ClassifiedTopicFollower classifiedTopic;
    private final KafkaListenerEndpointRegistry registry;
    private final @Nullable EmergencyFastLane fastLane;
    private volatile boolean running;
    private volatile @Nullable Thread waiter;
    private volatile @Nullable Thread fastLaneThread;

    ListenerStarter(DirectoryView directory, ClassifiedTopicFollower classifiedTopic,
            KafkaListenerEndpointRegistry registry, ObjectProvider<EmergencyFastLane> fastLane) {
        this.directory = directory;
        this.classifiedTopic = classifiedTopic;
        this.registry = registry;
        this.fastLane = fastLane.getIfAvailable();
    }

    @Override
    public void start() {
        running = true;
        waiter = Thread.ofPlatform().daemon().name("classifier-listener-starter").start(this::startWhenLoaded);
    }

    private void startWhenLoaded() {
        Instant since = Instant.now();
        Instant lastLog = since;
        try {
            while (running && !(directory.awaitLoaded(Duration.ofSeconds(1)) && caughtUp())) {
                if (Duration.between(lastLog, Instant.now()).toSeconds() >= 30) {
                    lastLog = Instant.now();
                    log.warn("Still waiting for the directory to load and the classified topic to be read back "
                            + "({}s); not consuming yet", Duration.between(since, lastLog).toSeconds());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        EmergencyFastLane lane = fastLane;
        if (running && lane != null) {
            // Its own thread: a 911 is never queued behind the pipeline's batches.
            fastLaneThread = Thread.ofPlatform().daemon().name("classifier-fast-lane").start(lane);
            log.info("Emergency fast lane started");
        }
        MessageListenerContainer container = registry.getListenerContainer(ReceivedMessageListener.ID);
        if (running && container != null) {
            log.info("Directory loaded and classified topic read back; consuming received messages");
            container.start();
        }
    }

    /** The classified topic read back (its follower retries through errors, so this comes). */
    private boolean caughtUp() throws InterruptedException {
        return classifiedTopic.awaitLoaded(Duration.ofSeconds(1));
    }

    @Override
    public void stop() {
        running = false;
        Thread thread = waiter;
        if (thread != null) {
            thread.interrupt();
        }
        EmergencyFastLane lane = fastLane;
        Thread laneThread = fastLaneThread;
        if (lane != null) {
            lane.stop();
        }
        if (laneThread != null) {
            laneThread.interrupt(); // out of a pause between restarts too
            try {
                laneThread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (lane != null) {
            lane.close();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
