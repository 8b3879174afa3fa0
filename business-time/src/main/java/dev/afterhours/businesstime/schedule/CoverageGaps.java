package dev.afterhours.businesstime.schedule;

import java.time.Instant;
import java.util.List;

/** Where nobody is on call. */
public final class CoverageGaps {

    private CoverageGaps() {
    }

    /** The maximal stretches of {@code [from, to)} in which nobody is on call, in order. */
    public static List<Gap> find(Schedule schedule, Instant from, Instant to) {
        return FinalSchedule.segments(schedule, from, to).stream()
                .filter(segment -> segment.onCall() == null)
                .map(segment -> new Gap(segment.start(), segment.end()))
                .toList();
    }
}
