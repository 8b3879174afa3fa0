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
 *   <li>EMERGENCY: every channel the person has, at any hour; in quiet hours only the person's {@code wakeChannels}
 *       if they named any (the others are withheld, e-mail included).</li>
 *   <li>Below EMERGENCY, outside quiet hours: every channel.</li>
 *   <li>Below EMERGENCY, in quiet hours: nothing that pushes (no webhook, no SMS). Email only, which is silent: the
 *       person finds it in the morning and the page is not lost. Without an email address the person cannot be
 *       reached quietly; that is recorded as a failure, not held, so it shows up at once (and an unacknowledged
 *       escalation moves on to the next level).</li>
 *   <li>A phone number alone is not a channel: no SMS provider is wired in. It only matters, as a recorded failure,
 *       when the person has nothing else.</li>
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

    private ChannelPlan() {
    }

    public static List<Decision> plan(StaffMember staff, Urgency urgency, Instant now) {
        Optional<String> window = QuietHours.quietWindow(staff, now);
        boolean quiet = urgency != Urgency.EMERGENCY && window.isPresent();
        // An EMERGENCY in quiet hours may only wake the person on the channels they chose (none chosen: every one).
        boolean restricted = urgency == Urgency.EMERGENCY && window.isPresent() && !staff.getWakeChannels().isEmpty();
        List<Decision> decisions = new ArrayList<>();
        if (staff.getWebhookUrl() != null) {
            decisions.add(quiet
                    ? new Withhold(NotificationChannel.WEBHOOK, staff.getWebhookUrl(), "quiet hours " + window.get())
                    : restricted && !staff.getWakeChannels().contains(NotificationChannel.WEBHOOK)
                            ? new Withhold(NotificationChannel.WEBHOOK, staff.getWebhookUrl(), notAWakeChannel(staff, window.get()))
                            : new Send(NotificationChannel.WEBHOOK, staff.getWebhookUrl()));
        }
        if (staff.getEmail() != null) {
            decisions.add(restricted && !staff.getWakeChannels().contains(NotificationChannel.EMAIL)
                    ? new Withhold(NotificationChannel.EMAIL, staff.getEmail(), notAWakeChannel(staff, window.get()))
                    : new Send(NotificationChannel.EMAIL, staff.getEmail()));
        }
        if (decisions.stream().noneMatch(d -> d instanceof Send)) {
            if (staff.getPhone() != null && !quiet) {
                decisions.add(new Unreachable(NotificationChannel.SMS, staff.getPhone(), "no SMS provider is configured and "
                        + staff.getStaffId() + " has no " + (restricted ? "wake channel it can be paged on" : "webhook or email")));
            } else if (quiet) {
                decisions.add(new Unreachable(NotificationChannel.EMAIL, "", "in quiet hours and has no email to be paged on silently"));
            } else if (restricted) {
                decisions.add(new Unreachable(NotificationChannel.EMAIL, "", "in quiet hours and has none of its wake channels "
                        + staff.getWakeChannels()));
            } else {
                decisions.add(new Unreachable(NotificationChannel.EMAIL, "", "has no channel to be paged on"));
            }
        }
        return decisions;
    }

    private static String notAWakeChannel(StaffMember staff, String window) {
        return "quiet hours " + window + "; may only be woken on " + staff.getWakeChannels();
    }
}
