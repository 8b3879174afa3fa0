package dev.afterhours.notifier.paging;

import dev.afterhours.contracts.ClientProfile;
import dev.afterhours.contracts.EscalationRequested;
import dev.afterhours.contracts.NotificationChannel;
import dev.afterhours.contracts.NotificationDelivered;
import dev.afterhours.contracts.NotificationEscalated;
import dev.afterhours.contracts.NotificationEvent;
import dev.afterhours.contracts.NotificationFailed;
import dev.afterhours.contracts.SlaBreached;
import dev.afterhours.contracts.SlaEvent;
import dev.afterhours.contracts.StaffMember;
import dev.afterhours.notifier.NotifierProperties;
import dev.afterhours.notifier.crm.CrmNotes;
import dev.afterhours.notifier.delivery.DeliveryResult;
import dev.afterhours.notifier.delivery.EmailSender;
import dev.afterhours.notifier.delivery.WebhookSender;
import dev.afterhours.notifier.ledger.NotificationLedger;
import dev.afterhours.notifier.ledger.NotificationRecorder;
import dev.afterhours.notifier.oncall.RecipientResolver;
import dev.afterhours.notifier.oncall.Recipients;
import dev.afterhours.notifier.oncall.StaffDirectory;
import dev.afterhours.notifier.paging.ChannelPlan.Decision;
import dev.afterhours.notifier.paging.ChannelPlan.Send;
import dev.afterhours.notifier.paging.ChannelPlan.Unreachable;
import dev.afterhours.notifier.paging.ChannelPlan.Withhold;
import dev.afterhours.notifier.paging.PagingMetrics.Outcome;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns an escalation or an SLA breach into deliveries, once.
 *
 * <p>For each person and channel the notification id is derived from (escalation, level, person, channel). Before
 * anything is sent the ledger is asked whether that id was already delivered; after a delivery the
 * NotificationDelivered event is written synchronously, before the listener returns and its offset is committed.
 * The one window left is a crash (or a failed write) between the send and the write: the record is then processed
 * again and the page sent again, with the same {@code Idempotency-Key} (webhook) and
 * {@code X-Afterhours-Notification-Id} (email), so receivers can drop the copy.
 */
public final class Pager {

    /** The staffId recorded when nobody could be found to page. */
    public static final String NOBODY = "nobody";

    private static final Logger log = LoggerFactory.getLogger(Pager.class);

    private final StaffDirectory directory;
    private final RecipientResolver recipients;
    private final WebhookSender webhooks;
    private final EmailSender email;
    private final NotificationRecorder recorder;
    private final NotificationLedger ledger;
    private final CrmNotes crmNotes;
    private final PageRenderer renderer;
    private final PagingMetrics metrics;
    private final NotifierProperties properties;
    private final Clock clock;
    /** Pages this instance has seen, so the next level carries the full context; see {@link #context}. */
    private final Map<String, Page> contexts = new ConcurrentHashMap<>();
    /** Serialises work on one escalation between the listener threads and the acknowledgement timer. */
    private final Object[] stripes = new Object[64];

    public Pager(StaffDirectory directory, RecipientResolver recipients, WebhookSender webhooks, EmailSender email,
            NotificationRecorder recorder, NotificationLedger ledger, CrmNotes crmNotes, PageRenderer renderer,
            PagingMetrics metrics, NotifierProperties properties, Clock clock) {
        this.directory = directory;
        this.recipients = recipients;
        this.webhooks = webhooks;
        this.email = email;
        this.recorder = recorder;
        this.ledger = ledger;
        this.crmNotes = crmNotes;
        this.renderer = renderer;
        this.metrics = metrics;
        this.properties = properties;
        this.clock = clock;
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new Object();
        }
    }

    /** What paging one level came to. */
    public record LevelOutcome(int delivered, int alreadyDelivered, int failed) {
        /** Nobody at this level got the page, now or before. */
        public boolean reachedNobody() {
            return delivered == 0 && alreadyDelivered == 0;
        }
    }

    public void escalation(EscalationRequested escalation) {
        Page page = Page.of(escalation);
        if (stale(page)) {
            return;
        }
        synchronized (stripe(page.escalationId())) {
            contexts.put(page.escalationId(), page);
            LevelOutcome outcome = pageLevel(page, 1);
            escalateWhileNobodyReached(page, 1, outcome);
        }
    }

    public void breach(SlaEvent event, SlaBreached breached) {
        ZoneId zone = directory.client(event.getClientId()).map(Pager::zoneOf).orElse(null);
        Page page = Page.of(event, breached, zone);
        if (stale(page)) {
            return;
        }
        synchronized (stripe(page.escalationId())) {
            pageLevel(page, 1);
        }
    }

    /**
     * Pages the level after {@code fromLevel} and records the step. Paging comes first: if the process dies in
     * between, the deliveries at the new level already moved the escalation there, so nothing is paged twice.
     */
    public void escalate(Page page, int fromLevel, String why) {
        synchronized (stripe(page.escalationId())) {
            NotificationLedger.Track track = ledger.track(page.escalationId()).orElse(null);
            if (track != null && (track.acknowledged() || track.level() > fromLevel)) {
                return;
            }
            LevelOutcome outcome = escalateOnce(page, fromLevel, why);
            escalateWhileNobodyReached(page, fromLevel + 1, outcome);
        }
    }

    private void escalateWhileNobodyReached(Page page, int level, LevelOutcome outcome) {
        int current = level;
        LevelOutcome last = outcome;
        while (properties.escalateUnacknowledged() && last.reachedNobody() && !page.breach()
                && recipients.hasLevelAfter(page.clientId(), current)) {
            last = escalateOnce(page, current, "nobody at level " + current + " could be reached");
            current++;
        }
    }

    private LevelOutcome escalateOnce(Page page, int fromLevel, String why) {
        int toLevel = fromLevel + 1;
        log.info("Escalation {} for {} moves from level {} to {}: {}", page.escalationId(), page.clientId(), fromLevel, toLevel, why);
        LevelOutcome outcome = pageLevel(page, toLevel);
        recorder.record(new NotificationEvent(NotificationIds.escalationStepId(page.escalationId(), fromLevel, toLevel),
                NotificationIds.escalationStepId(page.escalationId(), fromLevel, toLevel), page.escalationId(),
                page.clientId(), clock.instant(), new NotificationEscalated(fromLevel, toLevel, why)));
        return outcome;
    }

    /** The full page as first seen by this instance, if it was; after a restart only the ledger's summary is left. */
    public Optional<Page> context(String escalationId) {
        return Optional.ofNullable(contexts.get(escalationId));
    }

    /** Forgets contexts of escalations requested before the cutoff. */
    public void forgetBefore(Instant cutoff) {
        contexts.values().removeIf(p -> p.requestedAt().isBefore(cutoff));
    }

    LevelOutcome pageLevel(Page page, int level) {
        Instant now = clock.instant();
        Recipients who = page.breach()
                ? recipients.forBreach(page.clientId(), page.urgency(), now)
                : recipients.forEscalation(page.clientId(), level, now);
        if (who.isEmpty()) {
            log.warn("Nobody to page for escalation {} of {} at level {}: {}", page.escalationId(), page.clientId(), level, who.problem());
            fail(page, level, NOBODY, NotificationChannel.EMAIL, "", "no recipient: " + who.problem());
            return new LevelOutcome(0, 0, 1);
        }
        log.info("Paging escalation {} of {} at level {}: {} ({})", page.escalationId(), page.clientId(), level, who.staffIds(), who.rule());
        String clientName = directory.client(page.clientId()).map(ClientProfile::getName)
                .orElse(page.message() != null ? "Unknown sender " + page.message().getFrom() : page.clientId());
        int delivered = 0;
        int already = 0;
        int failed = 0;
        for (String staffId : who.staffIds()) {
            Optional<StaffMember> staff = directory.staff(staffId);
            if (staff.isEmpty()) {
                fail(page, level, staffId, NotificationChannel.EMAIL, "", "staff member '" + staffId + "' is not in the directory");
                failed++;
                continue;
            }
            for (Decision decision : ChannelPlan.plan(staff.get(), page.urgency(), now)) {
                switch (decision) {
                    case Send send -> {
                        switch (deliver(page, level, staff.get(), send, clientName)) {
                            case DELIVERED -> delivered++;
                            case SUPPRESSED_DUPLICATE -> already++;
                            default -> failed++;
                        }
                    }
                    case Withhold withhold -> {
                        log.info("Not pushing escalation {} to {} on {}: {}", page.escalationId(), staffId, withhold.channel(), withhold.why());
                        metrics.count(withhold.channel(), Outcome.SUPPRESSED_QUIET_HOURS, page.reason());
                    }
                    case Unreachable unreachable -> {
                        fail(page, level, staffId, unreachable.channel(), unreachable.destination(), staffId + " " + unreachable.why());
                        failed++;
                    }
                }
            }
        }
        return new LevelOutcome(delivered, already, failed);
    }

    private Outcome deliver(Page page, int level, StaffMember staff, Send send, String clientName) {
        String notificationId = NotificationIds.notificationId(page.escalationId(), level, staff.getStaffId(), send.channel());
        if (ledger.isDelivered(notificationId)) {
            log.info("Notification {} ({} {} {}) was already delivered; not paging again", notificationId,
                    page.escalationId(), staff.getStaffId(), send.channel());
            metrics.count(send.channel(), Outcome.SUPPRESSED_DUPLICATE, page.reason());
            return Outcome.SUPPRESSED_DUPLICATE;
        }
        PageRenderer.Content content = new PageRenderer.Content(notificationId, page, level, clientName,
                properties.ackUrl(notificationId), crmNotes.latest(page.clientId()));
        DeliveryResult result = switch (send.channel()) {
            case WEBHOOK -> webhooks.send(URI.create(send.destination()), notificationId, renderer.webhookBody(content));
            case EMAIL -> email.send(send.destination(), renderer.emailSubject(content), renderer.emailBody(content), notificationId);
            case SMS, SLACK -> new DeliveryResult.Failed(send.channel() + " is not a channel this notifier delivers on", 0);
        };
        Instant now = clock.instant();
        return switch (result) {
            case DeliveryResult.Delivered ok -> {
                recorder.record(new NotificationEvent(NotificationIds.eventId(notificationId, "delivered"), notificationId,
                        page.escalationId(), page.clientId(), now, new NotificationDelivered(staff.getStaffId(),
                        send.channel(), send.destination(), level, page.reason(), page.summary())));
                metrics.count(send.channel(), Outcome.DELIVERED, page.reason());
                metrics.latency(send.channel(), page.reason(), Duration.between(page.requestedAt(), now));
                log.info("Delivered notification {} to {} on {} ({} attempt(s))", notificationId, staff.getStaffId(), send.channel(), ok.attempts());
                yield Outcome.DELIVERED;
            }
            case DeliveryResult.Failed failed -> {
                log.warn("Could not deliver notification {} to {} on {}: {}", notificationId, staff.getStaffId(), send.channel(), failed.error());
                fail(page, level, staff.getStaffId(), send.channel(), send.destination(), failed.error());
                yield Outcome.FAILED;
            }
        };
    }

    private void fail(Page page, int level, String staffId, NotificationChannel channel, String destination, String error) {
        String notificationId = NotificationIds.notificationId(page.escalationId(), level, staffId, channel);
        recorder.record(new NotificationEvent(UUID.randomUUID().toString(), notificationId, page.escalationId(),
                page.clientId(), clock.instant(), new NotificationFailed(staffId, channel, destination, error)));
        metrics.count(channel, Outcome.FAILED, page.reason());
    }

    private boolean stale(Page page) {
        Instant cutoff = clock.instant().minus(properties.maxPageAge());
        if (page.requestedAt().isBefore(cutoff)) {
            log.warn("Not paging {} for {}: requested at {}, older than afterhours.notifier.max-page-age {} (a replay?)",
                    page.escalationId(), page.clientId(), page.requestedAt(), properties.maxPageAge());
            metrics.countStale(page.reason());
            return true;
        }
        return false;
    }

    private Object stripe(String escalationId) {
        return stripes[Math.floorMod(escalationId.hashCode(), stripes.length)];
    }

    private static ZoneId zoneOf(ClientProfile client) {
        try {
            return ZoneId.of(client.getCalendar().getZone());
        } catch (RuntimeException e) {
            return ZoneId.of("UTC");
        }
    }
}
