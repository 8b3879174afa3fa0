package dev.afterhours.notifier.escalation;

import dev.afterhours.contracts.EscalationReason;
import dev.afterhours.contracts.Urgency;
import dev.afterhours.notifier.NotifierProperties;
import dev.afterhours.notifier.ledger.NotificationLedger;
import dev.afterhours.notifier.ledger.NotificationLedger.Track;
import dev.afterhours.notifier.oncall.RecipientResolver;
import dev.afterhours.notifier.paging.Page;
import dev.afterhours.notifier.paging.Pager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pages the next level of the client's escalation policy when nobody acknowledged the current one within its
 * {@code ackTimeout}, and records NotificationEscalated.
 *
 * <p>There is no timer state of its own: every check reads the ledger, which the notifications topic rebuilds at
 * startup, so deadlines survive a restart. A level's clock starts with its first event (delivered, failed or
 * escalated-to). Only the instance that owns the client's escalations partition acts, so several instances do not
 * page the next level each. SLA breaches and warnings are not walked up the policy: they go to the SLA's owner.
 *
 * <p>After a restart the original escalation is no longer in memory; the next level then gets the summary and reason
 * from the ledger, without the message excerpt, and is treated as EMERGENCY when the reason is unknown or EMERGENCY
 * (waking someone needlessly is the lesser harm than an emergency held by quiet hours).
 */
public final class AckTimeouts implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AckTimeouts.class);
    private static final Duration FORGET_EVERY = Duration.ofMinutes(1);

    private final NotificationLedger ledger;
    private final Pager pager;
    private final RecipientResolver recipients;
    private final Predicate<String> ownsClient;
    private final NotifierProperties properties;
    private final Clock clock;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().daemon().name("ack-timeouts").unstarted(r));
    private Instant lastForget = Instant.EPOCH;

    public AckTimeouts(NotificationLedger ledger, Pager pager, RecipientResolver recipients, Predicate<String> ownsClient,
            NotifierProperties properties, Clock clock) {
        this.ledger = ledger;
        this.pager = pager;
        this.recipients = recipients;
        this.ownsClient = ownsClient;
        this.properties = properties;
        this.clock = clock;
    }

    public void start() {
        long interval = properties.escalationCheckInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::safeTick, interval, interval, TimeUnit.MILLISECONDS);
    }

    /** A scheduled task that throws is never run again: whatever one tick throws, the next tick still comes. */
    private void safeTick() {
        try {
            tick();
        } catch (Throwable t) {
            log.error("Acknowledgement timeout check failed; the next check runs in {}", properties.escalationCheckInterval(), t);
        }
    }

    /** One check; public for tests. One escalation that cannot be checked does not hold up the others. */
    public void tick() {
        try {
            Instant now = clock.instant();
            if (properties.escalateUnacknowledged()) {
                for (Track track : ledger.unacknowledged()) {
                    try {
                        check(track, now);
                    } catch (RuntimeException e) {
                        // The next tick tries this one again; a failed write of the escalation step is simply redone.
                        log.error("Acknowledgement timeout check of escalation {} ({}) failed", track.escalationId(),
                                track.clientId(), e);
                    }
                }
            }
            if (Duration.between(lastForget, now).compareTo(FORGET_EVERY) >= 0) {
                Instant cutoff = now.minus(properties.ledgerWindow());
                ledger.forgetBefore(cutoff);
                pager.forgetBefore(cutoff);
                lastForget = now;
            }
        } catch (RuntimeException e) {
            // The next tick tries again; a failed write of the escalation step is simply redone.
            log.error("Acknowledgement timeout check failed", e);
        }
    }

    private void check(Track track, Instant now) {
        if (Page.isBreach(track.escalationId()) || Page.isWarning(track.escalationId()) || !ownsClient.test(track.clientId())
                || !recipients.hasLevelAfter(track.clientId(), track.level())) {
            return;
        }
        Optional<Duration> timeout = recipients.ackTimeout(track.clientId(), track.level());
        if (timeout.isEmpty() || now.isBefore(track.levelSince().plus(timeout.get()))) {
            return;
        }
        Page page = pager.context(track.escalationId()).orElseGet(() -> fromLedger(track));
        pager.escalate(page, track.level(), "level " + track.level() + " not acknowledged within " + timeout.get());
    }

    private static Page fromLedger(Track track) {
        EscalationReason reason = track.reason() == null ? EscalationReason.EMERGENCY : track.reason();
        Urgency urgency = reason == EscalationReason.EMERGENCY ? Urgency.EMERGENCY : Urgency.HIGH;
        String summary = track.summary().isEmpty() ? "Unacknowledged escalation " + track.escalationId() : track.summary();
        return new Page(track.escalationId(), track.clientId(), reason, urgency, summary,
                List.of("not acknowledged at level " + track.level()), null, track.levelSince(), null, false);
    }

    /** Lets a page in flight finish (it is recorded before the process goes), then stops. */
    @Override
    public void close() {
        scheduler.shutdown();
        try {
            if (!scheduler.awaitTermination(15, TimeUnit.SECONDS)) {
                scheduler.shutdownNow();
            }
        } catch (InterruptedException e) {
            scheduler.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
