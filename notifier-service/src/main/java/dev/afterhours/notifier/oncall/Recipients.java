package dev.afterhours.notifier.oncall;

import dev.afterhours.contracts.NotificationChannel;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Who a page goes to at one level, and how they were chosen.
 *
 * @param staffIds  in paging order, without duplicates; empty when nobody could be found
 * @param rule      how they were chosen, for logs ("policy agency-default level 1", "account manager", ...)
 * @param problem   why nobody could be found, when {@code staffIds} is empty
 * @param channels  the channels this step pages on (the policy level's {@code channels}); empty: every channel each
 *                  person has, VOICE excepted
 */
public record Recipients(List<String> staffIds, String rule, @Nullable String problem, List<NotificationChannel> channels) {

    public Recipients {
        staffIds = List.copyOf(staffIds);
        channels = List.copyOf(channels);
    }

    public static Recipients of(List<String> staffIds, String rule) {
        return new Recipients(staffIds, rule, null, List.of());
    }

    public static Recipients nobody(String problem) {
        return new Recipients(List.of(), "none", problem, List.of());
    }

    /** The same people, paged only on these channels (empty: every channel they have). */
    public Recipients on(List<NotificationChannel> levelChannels) {
        return new Recipients(staffIds, rule, problem, levelChannels);
    }

    /** Other people at the same step, on the same channels. */
    Recipients replacing(List<String> others, String newRule) {
        return new Recipients(others, newRule, null, channels);
    }

    public boolean isEmpty() {
        return staffIds.isEmpty();
    }
}
