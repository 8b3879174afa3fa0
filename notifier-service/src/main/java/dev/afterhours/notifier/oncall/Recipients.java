package dev.afterhours.notifier.oncall;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Who a page goes to at one level, and how they were chosen.
 *
 * @param staffIds  in paging order, without duplicates; empty when nobody could be found
 * @param rule      how they were chosen, for logs ("policy agency-default level 1", "account manager", ...)
 * @param problem   why nobody could be found, when {@code staffIds} is empty
 */
public record Recipients(List<String> staffIds, String rule, @Nullable String problem) {

    public Recipients {
        staffIds = List.copyOf(staffIds);
    }

    public static Recipients of(List<String> staffIds, String rule) {
        return new Recipients(staffIds, rule, null);
    }

    public static Recipients nobody(String problem) {
        return new Recipients(List.of(), "none", problem);
    }

    public boolean isEmpty() {
        return staffIds.isEmpty();
    }
}
