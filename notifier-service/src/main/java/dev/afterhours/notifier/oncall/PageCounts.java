package dev.afterhours.notifier.oncall;

import java.time.Instant;
import java.util.Map;

/** How many pages each person received over a time, as the reports count them (each step of an incident once). */
public interface PageCounts {

    /** Per person paged in {@code [from, to)}; someone never paged is absent. */
    Map<String, Long> byStaff(Instant from, Instant to);

    /** False while the counts are still being rebuilt from the topics after a start. */
    boolean complete();

    PageCounts NONE = new PageCounts() {
        @Override
        public Map<String, Long> byStaff(Instant from, Instant to) {
            return Map.of();
        }

        @Override
        public boolean complete() {
            return true;
        }
    };
}
