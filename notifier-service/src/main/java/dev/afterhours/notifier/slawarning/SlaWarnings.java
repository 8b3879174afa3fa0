package dev.afterhours.notifier.slawarning;

import dev.afterhours.contracts.ClientProfile;
import dev.afterhours.contracts.EscalationReason;
import dev.afterhours.contracts.NotificationChannel;
import dev.afterhours.contracts.SlaEvent;
import dev.afterhours.contracts.SlaWarned;
import dev.afterhours.contracts.SlaWarningLevel;
import dev.afterhours.contracts.Urgency;
import dev.afterhours.notifier.oncall.Recipients;
import dev.afterhours.notifier.oncall.StaffDirectory;
import dev.afterhours.notifier.paging.Page;
import dev.afterhours.notifier.paging.Pager;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends an SLA warning to whoever owns the SLA now ({@link WarningOwners}).
 *
 * <ul>
 *   <li>NOTIFY (the policy's {@code warnAtPercent}): a quiet notification, by e-mail (the person's other channels
 *       only if they have no e-mail, and never a push in their quiet hours).</li>
 *   <li>PAGE ({@code pageAtPercent}): paged as the notifier pages, on every channel outside quiet hours.</li>
 * </ul>
 *
 * Both below EMERGENCY (an EMERGENCY SLA is warned as HIGH: its emergency was paged when it arrived), so quiet hours
 * hold. Each goes through the {@link Pager} under the escalation id {@code sla-warning:<eventId>}, one per SLA and
 * threshold, so it is sent at most once per person and channel (the notification ledger) and is in the
 * notification history; it does not walk the escalation policy.
 */
public final class SlaWarnings {

    private static final Logger log = LoggerFactory.getLogger(SlaWarnings.class);
    private static final DateTimeFormatter DUE = DateTimeFormatter.ofPattern("EEE d MMM HH:mm z", Locale.ENGLISH);

    private final StaffDirectory directory;
    private final WarningOwners owners;
    private final Pager pager;
    private final SlaWarningMetrics metrics;
    private final Clock clock;

    public SlaWarnings(StaffDirectory directory, WarningOwners owners, Pager pager, SlaWarningMetrics metrics, Clock clock) {
        this.directory = directory;
        this.owners = owners;
        this.pager = pager;
        this.metrics = metrics;
        this.clock = clock;
    }

    public void warned(SlaEvent event, SlaWarned warned) {
        Urgency urgency = event.getUrgency() == Urgency.EMERGENCY ? Urgency.HIGH : event.getUrgency();
        Page page = page(event, warned, urgency);
        Recipients who = owners.ownerOf(event.getClientId(), urgency, clock.instant());
        Set<NotificationChannel> channels = warned.getLevel() == SlaWarningLevel.PAGE
                ? EnumSet.allOf(NotificationChannel.class) : EnumSet.of(NotificationChannel.EMAIL);
        log.info("SLA {} of {} warned ({} at {}%): {} ({})", event.getSlaId(), event.getClientId(), warned.getLevel(),
                warned.getPercent(), who.staffIds(), who.isEmpty() ? who.problem() : who.rule());
        Pager.LevelOutcome outcome = pager.pageChosen(page, who, channels);
        metrics.count(warned.getLevel(), outcome.delivered() > 0 ? SlaWarningMetrics.Outcome.DELIVERED
                : outcome.alreadyDelivered() > 0 ? SlaWarningMetrics.Outcome.DUPLICATE : SlaWarningMetrics.Outcome.UNREACHED);
    }

    private Page page(SlaEvent event, SlaWarned warned, Urgency urgency) {
        ZoneId zone = directory.client(event.getClientId()).map(SlaWarnings::zoneOf).orElse(ZoneId.of("UTC"));
        String used = warned.getPercent() > 0 ? warned.getPercent() + "% of the SLA used, " : "";
        String summary = event.getUrgency() + " message " + (warned.getLevel() == SlaWarningLevel.PAGE ? "about to breach" : "due soon")
                + ": due " + DUE.format(warned.getDueAt().atZone(zone)) + " (" + used + warned.getRemaining() + " left; conversation "
                + event.getConversationId() + ")";
        return new Page(Page.WARNING_PREFIX + event.getEventId(), event.getClientId(), EscalationReason.SLA_WARNING, urgency,
                summary, List.of("SLA " + event.getSlaId() + " " + warned.getLevel() + " at " + warned.getPercent() + "%"),
                null, event.getOccurredAt(), warned.getDueAt(), false);
    }

    private static ZoneId zoneOf(ClientProfile client) {
        try {
            return ZoneId.of(client.getCalendar().getZone());
        } catch (RuntimeException e) {
            return ZoneId.of("UTC");
        }
    }
}
