package dev.afterhours.notifier.paging;

import dev.afterhours.contracts.NotificationChannel;
import dev.afterhours.contracts.StaffMember;
import dev.afterhours.contracts.Urgency;
import dev.afterhours.notifier.oncall.QuietHours;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How one person is reached for one page.
 *
 * <ul>
 *   <li>The person's channels: WEBHOOK (webhookUrl), EMAIL (email), SMS and VOICE (phone), SLACK (slackUserId).
 *       A policy level that names {@code channels} pages only on those of them; one that names none pages on every
 *       channel but VOICE. A phone call is the loudest page there is, so it is only made where a level asks for
 *       it (level 1 texts, level 2 calls).</li>
 *   <li>SMS and VOICE need Twilio configured, SLACK the Slack app. A channel whose provider is not configured is not a
 *       channel: it only matters, as a recorded failure naming what is missing, when the person has nothing else.</li>
 *   <li>EMERGENCY: every such channel, at any hour; in quiet hours only the person's {@code wakeChannels} if they
 *       named any (the others are withheld, e-mail included).</li>
 *   <li>Below EMERGENCY, outside quiet hours: every such channel.</li>
 *   <li>Below EMERGENCY, in quiet hours: nothing that pushes (no webhook, SMS, call or Slack message). Email only,
 *       which is silent: the person finds it in the morning and the page is not lost. Without an email address (or
 *       on a level that does not page by email) the person cannot be reached quietly; that is recorded as a failure,
 *       not held, so it shows up at once (and an unacknowledged escalation moves on to the next level).</li>
 * </ul>
 */
public final class ChannelPlan {

    /** What to do on one channel. */
    public sealed interface Decision {
        NotificationChannel channel();

        String destination();
    }

    /** Deliver now. */
    public record Send(NotificationChannel channel, String destination) implements Decision {
    }

    /** Deliberately not used now (quiet hours); not a failure, the person gets the page on a silent channel. */
    public record Withhold(NotificationChannel channel, String destination, String why) implements Decision {
    }

    /** The person cannot be reached this way; recorded as NotificationFailed. */
    public record Unreachable(NotificationChannel channel, String destination, String why) implements Decision {
    }

    /** Which providers are configured: SMS and voice through Twilio, Slack through the Slack app. */
    public record Providers(boolean sms, boolean voice, boolean slack) {
        public static final Providers NONE = new Providers(false, false, false);

        boolean deliver(NotificationChannel channel) {
            return switch (channel) {
                case WEBHOOK, EMAIL -> true;
                case SMS -> sms;
                case VOICE -> voice;
                case SLACK -> slack;
            };
        }
    }

    private record Candidate(NotificationChannel channel, String destination) {
    }

    private ChannelPlan() {
    }

    /** Without SMS, voice or Slack providers, on every channel: the notifier as it was before they existed. */
    public static List<Decision> plan(StaffMember staff, Urgency urgency, Instant now) {
        return plan(staff, urgency, now, List.of(), Providers.NONE);
    }

    /**
     * @param levelChannels the channels the policy level pages on; empty: every channel but VOICE
     * @param providers     which providers are configured
     */
    public static List<Decision> plan(StaffMember staff, Urgency urgency, Instant now,
            List<NotificationChannel> levelChannels, Providers providers) {
        Optional<String> window = QuietHours.quietWindow(staff, now);
        boolean quiet = urgency != Urgency.EMERGENCY && window.isPresent();
        // An EMERGENCY in quiet hours may only wake the person on the channels they chose (none chosen: every one).
        boolean restricted = urgency == Urgency.EMERGENCY && window.isPresent() && !staff.getWakeChannels().isEmpty();
        List<Candidate> unavailable = new ArrayList<>();
        List<Decision> decisions = new ArrayList<>();
        for (Candidate candidate : candidates(staff, levelChannels)) {
            NotificationChannel channel = candidate.channel();
            if (!providers.deliver(channel)) {
                unavailable.add(candidate);
            } else if (quiet && channel != NotificationChannel.EMAIL) {
                decisions.add(new Withhold(channel, candidate.destination(), "quiet hours " + window.get()));
            } else if (restricted && !staff.getWakeChannels().contains(channel)) {
                decisions.add(new Withhold(channel, candidate.destination(), notAWakeChannel(staff, window.get())));
            } else {
                decisions.add(new Send(channel, candidate.destination()));
            }
        }
        if (decisions.stream().noneMatch(d -> d instanceof Send)) {
            decisions.add(nothingToSend(staff, levelChannels, unavailable, quiet, restricted));
        }
        return decisions;
    }

    /** The channels the person has, narrowed to the level's; VOICE only where the level names it. */
    private static List<Candidate> candidates(StaffMember staff, List<NotificationChannel> levelChannels) {
        List<Candidate> all = new ArrayList<>();
        if (staff.getWebhookUrl() != null) {
            all.add(new Candidate(NotificationChannel.WEBHOOK, staff.getWebhookUrl()));
        }
        if (staff.getEmail() != null) {
            all.add(new Candidate(NotificationChannel.EMAIL, staff.getEmail()));
        }
        if (staff.getPhone() != null) {
            all.add(new Candidate(NotificationChannel.SMS, staff.getPhone()));
            all.add(new Candidate(NotificationChannel.VOICE, staff.getPhone()));
        }
        if (staff.getSlackUserId() != null) {
            all.add(new Candidate(NotificationChannel.SLACK, staff.getSlackUserId()));
        }
        return all.stream().filter(c -> levelChannels.isEmpty() ? c.channel() != NotificationChannel.VOICE
                : levelChannels.contains(c.channel())).toList();
    }

    private static Unreachable nothingToSend(StaffMember staff, List<NotificationChannel> levelChannels,
            List<Candidate> unavailable, boolean quiet, boolean restricted) {
        if (!unavailable.isEmpty() && !quiet) {
            Candidate first = unavailable.getFirst();
            return new Unreachable(first.channel(), first.destination(), "no " + provider(first.channel())
                    + " is configured and " + staff.getStaffId() + " has no "
                    + (restricted ? "wake channel it can be paged on" : levelChannels.isEmpty() ? "webhook or email"
                    : "other channel of this level " + levelChannels));
        }
        if (quiet) {
            return new Unreachable(NotificationChannel.EMAIL, "", staff.getEmail() != null && !levelChannels.isEmpty()
                    ? "in quiet hours, and this level pages only on " + levelChannels + ": nothing silent to page on"
                    : "in quiet hours and has no email to be paged on silently");
        }
        if (restricted) {
            return new Unreachable(NotificationChannel.EMAIL, "", "in quiet hours and has none of its wake channels "
                    + staff.getWakeChannels());
        }
        if (!levelChannels.isEmpty()) {
            return new Unreachable(levelChannels.getFirst(), "", "has none of this level's channels " + levelChannels);
        }
        return new Unreachable(NotificationChannel.EMAIL, "", "has no channel to be paged on");
    }

    private static String provider(NotificationChannel channel) {
        return switch (channel) {
            case SMS -> "SMS provider (afterhours.notifier.twilio)";
            case VOICE -> "voice provider (afterhours.notifier.twilio)";
            case SLACK -> "Slack app (afterhours.notifier.slack)";
            case WEBHOOK, EMAIL -> channel.name();
        };
    }

    private static String notAWakeChannel(StaffMember staff, String window) {
        return "quiet hours " + window + "; may only be woken on " + staff.getWakeChannels();
    }
}
