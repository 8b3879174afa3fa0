package dev.afterhours.notifier.paging;

import dev.afterhours.contracts.ClientProfile;
import dev.afterhours.contracts.EscalationRequested;
import dev.afterhours.contracts.NotificationAttempted;
import dev.afterhours.contracts.NotificationChannel;
import dev.afterhours.contracts.NotificationDelivered;
import dev.afterhours.contracts.NotificationEscalated;
import dev.afterhours.contracts.NotificationEvent;
import dev.afterhours.contracts.NotificationFailed;
import dev.afterhours.contracts.SlaBreached;
import dev.afterhours.contracts.SlaEvent;
import dev.afterhours.contracts.StaffMember;
import dev.afterhours.notifier.NotifierProperties;
import dev.afterhours.notifier.acklink.AckLinks;
import dev.afterhours.notifier.crm.CrmNotes;
import dev.afterhours.notifier.delivery.DeliveryResult;
import dev.afterhours.notifier.delivery.EmailSender;
import dev.afterhours.notifier.delivery.SlackPoster;
import dev.afterhours.notifier.delivery.TwilioSender;
import dev.afterhours.notifier.delivery.WebhookSender;
import dev.afterhours.notifier.ledger.NotificationLedger;
import dev.afterhours.notifier.ledger.NotificationRecorder;
import dev.afterhours.notifier.ledger.RecordingFailedException;
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
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns an escalation or an SLA breach into deliveries, at most once each.
 *
 * <p>For each person and channel the dedup key is derived from (escalation, level, person, channel). Before anything
 * is sent the ledger is asked where that key stands; then NotificationAttempted (the intent, with a random
 * notification id) is written synchronously, then the page is sent, then its outcome is written, all before the
 * listener returns and its offset is committed. A record processed again after a crash or a failed write between
 * the send and the outcome finds the intent without an outcome and does not send again (see {@link #deliver}).
 *
 * <p>Every per-recipient and per-channel failure is contained and recorded as NotificationFailed with its reason;
 * only a failed write to Kafka ({@link RecordingFailedException}) escapes, so that the record is retried.
 */
public final class Pager {

    /** The staffId recorded when nobody could be found to page. */
    public static final String NOBODY = "nobody";

    private static final Logger log = LoggerFactory.getLogger(Pager.class);

    private final StaffDirectory directory;
    private final RecipientResolver recipients;
    private final WebhookSender webhooks;
    private final EmailSender email;
    private final TwilioSender twilio;
    private final SlackPoster slack;
    private final NotificationRecorder recorder;
    private final NotificationLedger ledger;
    private final CrmNotes crmNotes;
    private final PageRenderer renderer;
    private final AckLinks ackLinks;
    private final PagingMetrics metrics;
    private final NotifierProperties properties;
    private final Clock clock;
    /** Pages this instance has seen, so the next level carries the full context; see {@link #context}. */
    private final Map<String, Page> contexts = new ConcurrentHashMap<>();
    /** Serialises work on one escalation between the listener threads and the acknowledgement timer. */
    private final Object[] stripes = new Object[64];

    public Pager(StaffDirectory directory, RecipientResolver recipients, WebhookSender webhooks, EmailSender email,
            TwilioSender twilio, SlackPoster slack, NotificationRecorder recorder, NotificationLedger ledger,
            CrmNotes crmNotes, PageRenderer renderer, AckLinks ackLinks, PagingMetrics metrics,
            NotifierProperties properties, Clock clock) {
        this.directory = directory;
        this.recipients = recipients;
        this.webhooks = webhooks;
        this.email = email;
        this.twilio = twilio;
        this.slack = slack;
        this.recorder = recorder;
        this.ledger = ledger;
        this.crmNotes = crmNotes;
        this.renderer = renderer;
        this.ackLinks = ackLinks;
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
        String stepId = NotificationIds.escalationStepId(page.escalationId(), fromLevel, toLevel);
        recorder.record(new NotificationEvent(stepId, stepId, page.escalationId(), page.clientId(), clock.instant(),
                new NotificationEscalated(fromLevel, toLevel, why), null));
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
        Recipients who = recipients.withoutTimeOff(page.breach()
                ? recipients.forBreach(page.clientId(), page.urgency(), now)
                : recipients.forEscalation(page.clientId(), level, now), page.urgency(), now);
        return pageRecipients(page, level, who, EnumSet.allOf(NotificationChannel.class), now);
    }

    /**
     * Pages people the caller chose (the owner of an SLA warning) at level 1, at most once per person and channel like
     * any page, without walking the policy. Only on the channels in {@code only} where the plan has one of them for
     * the person (a NOTIFY warning: e-mail), else as {@link ChannelPlan} decides; below EMERGENCY quiet hours hold.
     */
    public LevelOutcome pageChosen(Page page, Recipients who, Set<NotificationChannel> only) {
        if (stale(page)) {
            return new LevelOutcome(0, 0, 0);
        }
        synchronized (stripe(page.escalationId())) {
            return pageRecipients(page, 1, who, only, clock.instant());
        }
    }

    private LevelOutcome pageRecipients(Page page, int level, Recipients who, Set<NotificationChannel> only, Instant now) {
        if (who.isEmpty()) {
            log.warn("Nobody to page for escalation {} of {} at level {}: {}", page.escalationId(), page.clientId(), level, who.problem());
            fail(page, level, NOBODY, NotificationChannel.EMAIL, "", "no recipient: " + who.problem(), false);
            return new LevelOutcome(0, 0, 1);
        }
        log.info("Paging escalation {} of {} at level {}: {} ({})", page.escalationId(), page.clientId(), level, who.staffIds(), who.rule());
        String clientName = directory.client(page.clientId()).map(ClientProfile::getName)
                .orElse(page.message() != null ? "Unknown sender " + page.message().getFrom() : page.clientId());
        int delivered = 0;
        int already = 0;
        int failed = 0;
        for (String staffId : who.staffIds()) {
            // One person's bad record (a URL without a host, a broken zone) must not keep the others from the page:
            // everything but a failed write to Kafka (the record is then retried as a whole) is contained here.
            List<Decision> decisions;
            Optional<StaffMember> staff;
            try {
                staff = directory.staff(staffId);
                decisions = staff.isEmpty() ? List.of() : narrow(ChannelPlan.plan(staff.get(), page.urgency(), now,
                        who.channels(), new ChannelPlan.Providers(twilio.enabled(), twilio.enabled(), slack.enabled())), only);
            } catch (RuntimeException e) {
                log.error("Cannot plan the page of escalation {} for {}", page.escalationId(), staffId, e);
                fail(page, level, staffId, NotificationChannel.EMAIL, "", "cannot page " + staffId + ": " + e.getClass().getSimpleName(), false);
                failed++;
                continue;
            }
            if (staff.isEmpty()) {
                fail(page, level, staffId, NotificationChannel.EMAIL, "", "staff member '" + staffId + "' is not in the directory", false);
                failed++;
                continue;
            }
            for (Decision decision : decisions) {
                switch (decision) {
                    case Send send -> {
                        switch (deliverContained(page, level, staff.get(), send, clientName)) {
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
                        fail(page, level, staffId, unreachable.channel(), unreachable.destination(), staffId + " " + unreachable.why(), false);
                        failed++;
                    }
                }
            }
        }
        return new LevelOutcome(delivered, already, failed);
    }

    /** The decisions on the channels in {@code only}, if that leaves something to send; else all of them. */
    private static List<Decision> narrow(List<Decision> decisions, Set<NotificationChannel> only) {
        List<Decision> narrowed = decisions.stream().filter(d -> only.contains(d.channel())).toList();
        return narrowed.stream().anyMatch(d -> d instanceof Send) ? narrowed : decisions;
    }

    private Outcome deliverContained(Page page, int level, StaffMember staff, Send send, String clientName) {
        try {
            return deliver(page, level, staff, send, clientName);
        } catch (RecordingFailedException e) {
            throw e;
        } catch (RuntimeException e) {
            log.error("Paging {} on {} for escalation {} failed", staff.getStaffId(), send.channel(), page.escalationId(), e);
            fail(page, level, staff.getStaffId(), send.channel(), send.destination(),
                    "internal error paging " + staff.getStaffId() + ": " + e.getClass().getSimpleName(), false);
            return Outcome.FAILED;
        }
    }

    /**
     * At most once per dedup key: the intent (NotificationAttempted, under the notification id people will see) is
     * on the topic before anything is sent, and the outcome after. Finding an intent without an outcome means this
     * record was processed before and something broke between the send and the write (a crash, a failed write):
     * the page may have gone out, so it is recorded as failed with its outcome unknown and not sent again. A page
     * is lost rather than doubled; the escalation then moves on to the next level when nobody acknowledges it, and
     * at once when nobody else at this level was reached.
     */
    private Outcome deliver(Page page, int level, StaffMember staff, Send send, String clientName) {
        String dedupKey = NotificationIds.dedupKey(page.escalationId(), level, staff.getStaffId(), send.channel());
        Optional<NotificationLedger.Attempt> prior = ledger.attempt(dedupKey);
        if (prior.isPresent()) {
            NotificationLedger.Attempt attempt = prior.get();
            switch (attempt.state()) {
                case DELIVERED -> {
                    log.info("Notification {} ({} {} {}) was already delivered; not paging again", attempt.notificationId(),
                            page.escalationId(), staff.getStaffId(), send.channel());
                    metrics.count(send.channel(), Outcome.SUPPRESSED_DUPLICATE, page.reason());
                    return Outcome.SUPPRESSED_DUPLICATE;
                }
                case OPEN -> {
                    log.warn("Notification {} ({} {} {}) was attempted at {} but its outcome was never recorded; not sending "
                            + "it again", attempt.notificationId(), page.escalationId(), staff.getStaffId(), send.channel(), attempt.at());
                    fail(page, level, staff.getStaffId(), send.channel(), send.destination(), "outcome unknown: attempted at "
                            + attempt.at() + " but no outcome was recorded (a crash or a failed write); not sent again", true);
                    return Outcome.UNKNOWN;
                }
                case UNKNOWN -> {
                    log.info("Notification {} has an unknown outcome; not paging again", attempt.notificationId());
                    metrics.count(send.channel(), Outcome.SUPPRESSED_DUPLICATE, page.reason());
                    return Outcome.UNKNOWN;
                }
                case FAILED -> {
                    // failed for sure before: worth another try, under the same notification id
                }
            }
        }
        String notificationId = prior.map(NotificationLedger.Attempt::notificationId).orElseGet(NotificationIds::newNotificationId);
        recorder.record(event(UUID.randomUUID().toString(), notificationId, dedupKey, page, new NotificationAttempted(
                staff.getStaffId(), send.channel(), send.destination(), level, page.reason(), page.summary(), page.urgency())));
        AckLinks.Link ackLink = ackLinks.issue(notificationId, staff.getStaffId());
        PageRenderer.Content content = new PageRenderer.Content(notificationId, page, level, clientName,
                ackLink.url(), ackLink.expiresAt(), crmNotes.forPage(page.clientId()));
        DeliveryResult result;
        try {
            result = switch (send.channel()) {
                case WEBHOOK -> webhooks.send(send.destination(), notificationId, renderer.webhookBody(content));
                case EMAIL -> email.send(send.destination(), renderer.emailSubject(content), renderer.emailBody(content), notificationId);
                case SMS -> twilio.sms(send.destination(), renderer.smsText(content), notificationId);
                case VOICE -> twilio.call(send.destination(), renderer.voiceWords(content), notificationId,
                        signedQuery(ackLink));
                case SLACK -> slack.page(send.destination(), renderer.emailSubject(content), renderer.slackText(content),
                        notificationId + "?" + signedQuery(ackLink), notificationId);
            };
        } catch (RuntimeException e) {
            log.error("Sending notification {} to {} on {} failed", notificationId, staff.getStaffId(), send.channel(), e);
            result = new DeliveryResult.Failed("internal error sending: " + e.getClass().getSimpleName(), 0);
        }
        Instant now = clock.instant();
        return switch (result) {
            case DeliveryResult.Delivered ok -> {
                recorder.record(event(NotificationIds.eventId(notificationId, "delivered"), notificationId, dedupKey, page,
                        new NotificationDelivered(staff.getStaffId(), send.channel(), send.destination(), level, page.reason(),
                                page.summary())));
                metrics.count(send.channel(), Outcome.DELIVERED, page.reason());
                metrics.pageReceived(staff.getStaffId());
                metrics.latency(send.channel(), page.reason(), Duration.between(page.requestedAt(), now));
                log.info("Delivered notification {} to {} on {} ({} attempt(s))", notificationId, staff.getStaffId(), send.channel(), ok.attempts());
                yield Outcome.DELIVERED;
            }
            case DeliveryResult.Failed failed -> {
                log.warn("Could not deliver notification {} to {} on {}: {}", notificationId, staff.getStaffId(), send.channel(), failed.error());
                fail(page, level, staff.getStaffId(), send.channel(), send.destination(), failed.error(), false);
                yield Outcome.FAILED;
            }
        };
    }

    /**
     * The signed part of an ack link ({@code staff, exp, kid, sig}): what a voice page's key press and a Slack button
     * carry back, verified as the link is, so every channel's acknowledgement is bound to one notification and person.
     */
    private static String signedQuery(AckLinks.Link link) {
        String query = URI.create(link.url()).getRawQuery();
        return query == null ? "" : query;
    }

    /** Records a failure under the notification id of the key's attempt, if there was one, else a fresh one. */
    private void fail(Page page, int level, String staffId, NotificationChannel channel, String destination, String error,
            boolean outcomeUnknown) {
        String dedupKey = NotificationIds.dedupKey(page.escalationId(), level, staffId, channel);
        String notificationId = ledger.attempt(dedupKey).map(NotificationLedger.Attempt::notificationId)
                .orElseGet(NotificationIds::newNotificationId);
        recorder.record(event(UUID.randomUUID().toString(), notificationId, dedupKey, page,
                NotificationFailed.newBuilder().setStaffId(staffId).setChannel(channel).setDestination(destination)
                        .setError(error).setOutcomeUnknown(outcomeUnknown).build()));
        metrics.count(channel, outcomeUnknown ? Outcome.UNKNOWN : Outcome.FAILED, page.reason());
    }

    private NotificationEvent event(String eventId, String notificationId, String dedupKey, Page page, Object payload) {
        return NotificationEvent.newBuilder().setEventId(eventId).setNotificationId(notificationId)
                .setEscalationId(page.escalationId()).setClientId(page.clientId()).setOccurredAt(clock.instant())
                .setPayload(payload).setDedupKey(dedupKey).build();
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
