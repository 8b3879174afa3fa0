package dev.afterhours.notifier.oncall;

import dev.afterhours.businesstime.schedule.Entry;
import dev.afterhours.businesstime.schedule.FinalSchedule;
import dev.afterhours.contracts.Rotation;
import dev.afterhours.directory.RotationSchedules;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The final schedule of any rotation, layered or simple, computed from the rotation as the directory has it now: the
 * on-call API's, the calendar feeds' and the reports' one source.
 */
public final class FinalSchedules {

    private FinalSchedules() {
    }

    /** Who is on call when over {@code [from, to)}. */
    public static List<Entry> of(Rotation rotation, Instant from, Instant to) {
        return RotationSchedules.isLayered(rotation)
                ? FinalSchedule.compute(RotationSchedules.schedule(rotation), from, to)
                : SimpleRotations.entries(rotation, from, to);
    }

    /** The length of the union of the shifts: one person on call in two rotations at once is on call once. */
    public static Duration timeCovered(List<Entry> entries) {
        List<Entry> sorted = entries.stream().sorted(Comparator.comparing(Entry::start)).toList();
        Duration total = Duration.ZERO;
        @Nullable Instant start = null;
        @Nullable Instant end = null;
        for (Entry e : sorted) {
            if (end == null || e.start().isAfter(end)) {
                if (end != null) {
                    total = total.plus(Duration.between(start, end));
                }
                start = e.start();
                end = e.end();
            } else if (e.end().isAfter(end)) {
                end = e.end();
            }
        }
        return end == null ? total : total.plus(Duration.between(start, end));
    }
}
