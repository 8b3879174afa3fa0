package dev.afterhours.notifier.kafka;

import dev.afterhours.contracts.AutoReplyRecorded;
import dev.afterhours.contracts.CrmNoteAdded;
import dev.afterhours.contracts.NotificationEvent;
import dev.afterhours.contracts.ReplyRecorded;
import dev.afterhours.directory.DirectoryView;
import dev.afterhours.notifier.escalation.AckTimeouts;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.stereotype.Component;

/**
 * Starts consuming only when paging can be done right: the directory is loaded (who to page), the notifications
 * ledger has read its window (who was already paged, so nothing is paged twice after a restart), the CRM notes
 * are loaded, and so are the records of acknowledgements and staff replies already sent (so none is sent twice). Waits in the
 * background, so the web server and the probes are up meanwhile.
 */
@Component
public class ListenerStarter implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ListenerStarter.class);

    private final DirectoryView directory;
    private final TopicFollower<NotificationEvent> notificationsFollower;
    private final TopicFollower<CrmNoteAdded> crmNotesFollower;
    private final TopicFollower<AutoReplyRecorded> acknowledgementsFollower;
    private final TopicFollower<ReplyRecorded> repliesFollower;
    private final KafkaListenerEndpointRegistry registry;
    private final AckTimeouts ackTimeouts;
    private volatile boolean running;
    private volatile boolean listening;
    private volatile @Nullable Thread waiter;

    public ListenerStarter(DirectoryView directory, TopicFollower<NotificationEvent> notificationsFollower,
            TopicFollower<CrmNoteAdded> crmNotesFollower, TopicFollower<AutoReplyRecorded> acknowledgementsFollower,
            TopicFollower<ReplyRecorded> repliesFollower, KafkaListenerEndpointRegistry registry,
            AckTimeouts ackTimeouts) {
        this.directory = directory;
        this.notificationsFollower = notificationsFollower;
        this.crmNotesFollower = crmNotesFollower;
        this.acknowledgementsFollower = acknowledgementsFollower;
        this.repliesFollower = repliesFollower;
        this.registry = registry;
        this.ackTimeouts = ackTimeouts;
    }

    /** True once the listeners consume: the service is doing its job. */
    public boolean isListening() {
        return listening;
    }

    @Override
    public void start() {
        running = true;
        waiter = Thread.ofPlatform().daemon().name("listener-starter").start(this::awaitThenStart);
    }

    private void awaitThenStart() {
        try {
            while (running && !(directory.awaitLoaded(Duration.ofSeconds(10))
                    && notificationsFollower.awaitLoaded(Duration.ofSeconds(10))
                    && crmNotesFollower.awaitLoaded(Duration.ofSeconds(10))
                    && acknowledgementsFollower.awaitLoaded(Duration.ofSeconds(10))
                    && repliesFollower.awaitLoaded(Duration.ofSeconds(10)))) {
                log.info("Waiting before consuming: directory loaded={}, notifications ledger loaded={}, CRM notes loaded={}, "
                        + "sent acknowledgements loaded={}, sent replies loaded={}", directory.isLoaded(),
                        notificationsFollower.isLoaded(), crmNotesFollower.isLoaded(), acknowledgementsFollower.isLoaded(),
                        repliesFollower.isLoaded());
            }
            if (!running) {
                return;
            }
            Objects.requireNonNull(registry.getListenerContainer(EscalationListener.ID), EscalationListener.ID).start();
            Objects.requireNonNull(registry.getListenerContainer(SlaEventListener.ID), SlaEventListener.ID).start();
            Objects.requireNonNull(registry.getListenerContainer(AutoReplyListener.ID), AutoReplyListener.ID).start();
            Objects.requireNonNull(registry.getListenerContainer(ReplyListener.ID), ReplyListener.ID).start();
            ackTimeouts.start();
            listening = true;
            log.info("Directory, notifications ledger, CRM notes, sent acknowledgements and sent replies loaded: consuming "
                    + "escalations, SLA events, acknowledgement requests and staff replies");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void stop() {
        running = false;
        Thread thread = waiter;
        if (thread != null) {
            thread.interrupt();
        }
        ackTimeouts.close();
        listening = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stopped before the listener registry and the followers, started after them. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 200;
    }
}
