package dev.afterhours.businesstime.schedule;

import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZoneId;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One rotation of a schedule. The first handoff is at {@code start} (wall clock in {@code zone}); handoff k is at
 * {@code start + k * rotation} on the wall clock, so a 09:00 handoff stays 09:00 across daylight saving. Between
 * handoff k and handoff k+1 member {@code k mod members.size()} is on call, where one of the {@code restrictions}
 * (if there are any) contains the local time; elsewhere, and before {@code start}, the layer has nobody and lower
 * layers show through.
 *
 * <p>{@code zone} may be null: the schedule's zone is then used ({@link Schedule} fills it in). Follow-the-sun is
 * one layer per region, each in its own zone with its own restrictions.
 *
 * @param rotation whole days or weeks ({@code Period.ofDays(1)}, {@code Period.ofWeeks(1)}), no months or years
 */
public record Layer(String name, List<String> members, @Nullable ZoneId zone, LocalDateTime start, Period rotation,
                    List<Window> restrictions) {

    public Layer {
        InvalidScheduleException.requiredText("layer.name", name);
        InvalidScheduleException.required("layer.members", members);
        if (members.isEmpty()) {
            throw new InvalidScheduleException("layer.members", "layer '" + name + "' needs at least one member");
        }
        for (int i = 0; i < members.size(); i++) {
            InvalidScheduleException.requiredText("layer.members[" + i + "]", members.get(i));
        }
        members = List.copyOf(members);
        InvalidScheduleException.required("layer.start", start);
        InvalidScheduleException.required("layer.rotation", rotation);
        if (rotation.getYears() != 0 || rotation.getMonths() != 0 || rotation.getDays() < 1) {
            throw new InvalidScheduleException("layer.rotation",
                    "'" + rotation + "' is not a positive whole number of days or weeks");
        }
        InvalidScheduleException.required("layer.restrictions", restrictions);
        restrictions = List.copyOf(restrictions);
    }

    /** A layer without restrictions in the schedule's zone. */
    public Layer(String name, List<String> members, LocalDateTime start, Period rotation) {
        this(name, members, null, start, rotation, List.of());
    }

    /** A rotation of {@code days} days. */
    public Layer(String name, List<String> members, LocalDateTime start, int days) {
        this(name, members, start, Period.ofDays(days));
    }

    public Layer inZone(ZoneId zone) {
        return new Layer(name, members, zone, start, rotation, restrictions);
    }

    public Layer restrictedTo(Window... windows) {
        return new Layer(name, members, zone, start, rotation, List.of(windows));
    }

    /** The wall-clock time of every handoff. */
    public LocalTime handoffTime() {
        return start.toLocalTime();
    }

    public int rotationDays() {
        return rotation.getDays();
    }

    /** The wall-clock date-time of handoff {@code k} (0 is {@code start}). */
    public LocalDateTime handoff(long k) {
        return start.plusDays(k * rotationDays());
    }
}
