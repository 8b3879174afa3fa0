package dev.afterhours.notifier.channelack;

import dev.afterhours.contracts.ClientProfile;
import dev.afterhours.contracts.StaffMember;
import dev.afterhours.directory.DirectoryView;
import dev.afterhours.notifier.acklink.AckLinks;
import dev.afterhours.notifier.ledger.Acknowledgements;
import dev.afterhours.notifier.ledger.NotificationLedger;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes an acknowledgement that came in on a channel, once the provider's signature was checked (by the caller): an
 * SMS reply, a key press on a voice page, a Slack button. Who acknowledges is what the channel says: the staff member
 * whose phone the SMS came from or the call went to, the staff member whose {@code slackUserId} pressed the button.
 * The acknowledgement itself goes through {@link Acknowledgements}, as the API's and the signed link's do.
 *
 * <p>Counted as {@code afterhours.notifier.channel.acks{channel, outcome}}: acknowledged, already, nothing-open,
 * not-understood, refused.
 */
public final class ChannelAcks {

    /** What an SMS reply must say to acknowledge (trimmed, any case). */
    public static final Set<String> ACK_WORDS = Set.of("1", "ack");

    private static final Logger log = LoggerFactory.getLogger(ChannelAcks.class);

    /** What came of it. */
    public sealed interface Outcome {
    }

    /** Acknowledged now, or ({@code already}) before, by this person or someone else. */
    public record Acknowledged(NotificationLedger.Ack ack, StaffMember staff, String clientName, String summary,
                               boolean already) implements Outcome {
    }

    /** The person is known, but has no open page (the latest was acknowledged, resolved, or none is recent). */
    public record NothingOpen(StaffMember staff, String why) implements Outcome {
    }

    /** The SMS said something else; nothing changed. */
    public record NotUnderstood(StaffMember staff) implements Outcome {
    }

    /** The key press was not 1, or the token is genuine but expired; nothing changed. */
    public record NotAcknowledged(String why) implements Outcome {
    }

    /** Not this person's to take, or not a token we signed: a 403, nothing changed. */
    public record Refused(String field, String why) implements Outcome {
    }

    private final DirectoryView directory;
    private final NotificationLedger ledger;
    private final Acknowledgements acknowledgements;
    private final AckLinks links;
    private final Duration openFor;
    private final Clock clock;
    private final MeterRegistry meters;

    /** @param openFor how recent a page an SMS reply may take: the ack links' lifetime */
    public ChannelAcks(DirectoryView directory, NotificationLedger ledger, Acknowledgements acknowledgements,
            AckLinks links, Duration openFor, Clock clock, MeterRegistry meters) {
        this.directory = directory;
        this.ledger = ledger;
        this.acknowledgements = acknowledgements;
        this.links = links;
        this.openFor = openFor;
        this.clock = clock;
        this.meters = meters;
    }

    /** A reply to the pager number: "1" or "ack" takes the sender's latest open page. */
    public Outcome smsReply(String from, String text) {
        List<StaffMember> senders = directory.staffMembers().stream()
                .filter(s -> s.getPhone() != null && s.getPhone().equals(from.strip())).toList();
        if (senders.isEmpty()) {
            return count("sms", new Refused("From", "the SMS did not come from a staff member's phone"));
        }
        if (senders.size() > 1) {
            // A shared phone does not say who is answering: the signed link in the page does.
            return count("sms", new Refused("From", "the phone is shared by " + senders.size() + " staff members; "
                    + "acknowledge with the signed link in the page instead"));
        }
        StaffMember staff = senders.getFirst();
        if (!ACK_WORDS.contains(text.strip().toLowerCase(Locale.ROOT))) {
            return count("sms", new NotUnderstood(staff));
        }
        Optional<NotificationLedger.Delivery> open = ledger.latestOpenFor(staff.getStaffId(), clock.instant().minus(openFor));
        if (open.isEmpty()) {
            return count("sms", new NothingOpen(staff, "no open page to " + staff.getStaffId() + " in the last " + openFor));
        }
        return count("sms", acknowledge(open.get(), staff, "acknowledged by SMS reply"));
    }

    /**
     * A key press on a voice page.
     *
     * @param rawQuery the key-press URL's query: the page's signed fields ({@code staff, exp, kid, sig})
     * @param called   the number Twilio called ({@code To}); it must be the person's phone
     */
    public Outcome keyPress(String notificationId, @Nullable String rawQuery, @Nullable String digits,
            @Nullable String called) {
        Object verdict = check(notificationId, form(rawQuery == null ? "" : rawQuery));
        if (verdict instanceof Outcome refused) {
            return count("voice", refused);
        }
        Checked checked = (Checked) verdict;
        if (called == null || !called.equals(checked.staff().getPhone())) {
            return count("voice", new Refused("To", "the call did not go to the phone of the person paged"));
        }
        if (!"1".equals(digits == null ? null : digits.strip())) {
            return count("voice", new NotAcknowledged("the key pressed was not 1"));
        }
        return count("voice", acknowledge(checked.delivery(), checked.staff(), "acknowledged by pressing 1 on the call"));
    }

    /**
     * The Acknowledge button of a Slack page.
     *
     * @param slackUserId who pressed it, as Slack says
     * @param value       the button's value: {@code <notificationId>?staff=..&exp=..&kid=..&sig=..}
     */
    public Outcome slackButton(String slackUserId, String value) {
        int question = value.indexOf('?');
        if (question <= 0) {
            return count("slack", new Refused("actions[0].value", "not a token Afterhours signed"));
        }
        String notificationId = value.substring(0, question);
        Object verdict = check(notificationId, form(value.substring(question + 1)));
        if (verdict instanceof Outcome refused) {
            return count("slack", refused);
        }
        Checked checked = (Checked) verdict;
        if (!slackUserId.equals(checked.staff().getSlackUserId())) {
            return count("slack", new Refused("user.id", "the button was pressed by someone other than the person paged"));
        }
        return count("slack", acknowledge(checked.delivery(), checked.staff(), "acknowledged with the Slack button"));
    }

    private record Checked(NotificationLedger.Delivery delivery, StaffMember staff) {
    }

    /** The token's verdict: a {@link Checked}, or the {@link Outcome} that ends it. */
    private Object check(String notificationId, Map<String, String> token) {
        switch (links.verify(notificationId, token.get("staff"), token.get("exp"), token.get("kid"), token.get("sig"))) {
            case AckLinks.Forged forged -> {
                return new Refused("sig", "not a token Afterhours signed for this page (" + forged.why() + ")");
            }
            case AckLinks.Expired expired -> {
                return new NotAcknowledged("this page's token expired at " + expired.expiredAt());
            }
            case AckLinks.Valid valid -> {
                Optional<NotificationLedger.Delivery> delivery = ledger.delivery(notificationId);
                if (delivery.isEmpty()) {
                    return new NotAcknowledged("no page with this id is known (older than the ledger window?)");
                }
                if (!delivery.get().staffId().equals(valid.staffId())) {
                    return new Refused("staff", "signed for someone who did not receive this page");
                }
                Optional<StaffMember> staff = directory.staff(valid.staffId());
                if (staff.isEmpty()) {
                    return new Refused("staff", "'" + valid.staffId() + "' is no longer a staff member");
                }
                return new Checked(delivery.get(), staff.get());
            }
        }
    }

    private Outcome acknowledge(NotificationLedger.Delivery delivery, StaffMember staff, String note) {
        String clientName = directory.client(delivery.clientId()).map(ClientProfile::getName).orElse(delivery.clientId());
        String summary = ledger.track(delivery.escalationId()).map(NotificationLedger.Track::summary)
                .filter(s -> !s.isBlank()).orElse("escalation " + delivery.escalationId());
        return switch (acknowledgements.acknowledge(delivery.notificationId(), staff.getStaffId(), false, note)) {
            case Acknowledgements.Recorded recorded -> {
                log.info("Notification {} ({}) acknowledged by {}: {}", delivery.notificationId(), delivery.escalationId(),
                        staff.getStaffId(), note);
                yield new Acknowledged(recorded.ack(), staff, clientName, summary, false);
            }
            case Acknowledgements.AlreadyAcknowledged repeat -> new Acknowledged(repeat.ack(), staff, clientName, summary, true);
            case Acknowledgements.IncidentResolved resolved -> new NothingOpen(staff, "the incident was resolved by "
                    + resolved.resolution().staffId());
            case Acknowledgements.UnknownNotification unknown -> new NothingOpen(staff, "the page is no longer known");
            case Acknowledgements.NotPaged notPaged -> new Refused("staff", staff.getStaffId() + " was not paged for it");
        };
    }

    /** A form or query string's fields, decoded; a repeated name keeps its first value. */
    public static Map<String, String> form(String raw) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                fields.putIfAbsent(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return fields;
    }

    private Outcome count(String channel, Outcome outcome) {
        String tag = switch (outcome) {
            case Acknowledged a -> a.already() ? "already" : "acknowledged";
            case NothingOpen n -> "nothing-open";
            case NotUnderstood n -> "not-understood";
            case NotAcknowledged n -> "not-acknowledged";
            case Refused r -> "refused";
        };
        if (outcome instanceof Refused refused) {
            log.warn("Refused an acknowledgement by {}: {} ({})", channel, refused.why(), refused.field());
        }
        Counter.builder("afterhours.notifier.channel.acks").description("Acknowledgements in by SMS, voice and Slack")
                .tag("channel", channel).tag("outcome", Objects.requireNonNull(tag)).register(meters).increment();
        return outcome;
    }
}
