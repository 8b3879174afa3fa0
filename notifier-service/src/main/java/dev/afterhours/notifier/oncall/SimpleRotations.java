package dev.afterhours.notifier.oncall;

import dev.afterhours.businesstime.schedule.Entry;
import dev.afterhours.businesstime.schedule.Source;
import dev.afterhours.contracts.Rotation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The final schedule of a simple rotation (members taking turns of an exact {@code shiftLength} from
 * {@code startsAt}, as {@link OnCall} pages them), shift by shift over a range.
 */
final class SimpleRotations {

    private SimpleRotations() {
    }

    static List<Entry> entries(Rotation rotation, Instant from, Instant to) {
        List<Entry> entries = new ArrayList<>();
        if (rotation.getMembers().isEmpty()) {
            return entries;
        }
        long shiftMillis = Duration.parse(rotation.getShiftLength()).toMillis();
        long startMillis = rotation.getStartsAt().toEpochMilli();
        long shift = Math.floorDiv(from.toEpochMilli() - startMillis, shiftMillis);
        Source source = new Source.OfLayer(0, rotation.getName());
        while (true) {
            Instant start = Instant.ofEpochMilli(startMillis + shift * shiftMillis);
            if (!start.isBefore(to)) {
                return entries;
            }
            Instant end = Instant.ofEpochMilli(startMillis + (shift + 1) * shiftMillis);
            String staffId = rotation.getMembers().get((int) Math.floorMod(shift, (long) rotation.getMembers().size()));
            Instant clippedStart = start.isBefore(from) ? from : start;
            Instant clippedEnd = end.isAfter(to) ? to : end;
            if (!entries.isEmpty() && entries.getLast().staffId().equals(staffId)) {
                entries.set(entries.size() - 1, new Entry(entries.getLast().start(), clippedEnd, staffId, source));
            } else {
                entries.add(new Entry(clippedStart, clippedEnd, staffId, source));
            }
            shift++;
        }
    }
}
