package dev.afterhours.businesstime.schedule;

import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An on-call schedule: layers in order (a later layer overrides earlier ones wherever it has someone on call),
 * overrides in order (applied on top of the layers, a later one over an earlier one) and time off. Layers without
 * a zone of their own get {@code zone}. Immutable; the final schedule is computed by {@link FinalSchedule}.
 */
public record Schedule(String id, ZoneId zone, List<Layer> layers, List<ScheduleOverride> overrides,
                       List<TimeOff> timeOff) {

    public Schedule {
        InvalidScheduleException.requiredText("schedule.id", id);
        InvalidScheduleException.required("schedule.zone", zone);
        InvalidScheduleException.required("schedule.layers", layers);
        if (layers.isEmpty()) {
            throw new InvalidScheduleException("schedule.layers", "a schedule needs at least one layer");
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = InvalidScheduleException.required("schedule.layers[" + i + "]", layers.get(i));
            if (!names.add(layer.name())) {
                throw new InvalidScheduleException("schedule.layers[" + i + "].name",
                        "layer name '" + layer.name() + "' is used twice");
            }
        }
        layers = layers.stream().map(l -> l.zone() == null ? l.inZone(zone) : l).toList();
        overrides = List.copyOf(InvalidScheduleException.required("schedule.overrides", overrides));
        timeOff = List.copyOf(InvalidScheduleException.required("schedule.timeOff", timeOff));
    }

    public Schedule(String id, ZoneId zone, List<Layer> layers) {
        this(id, zone, layers, List.of(), List.of());
    }

    /** This schedule with these overrides (replacing any it had). */
    public Schedule withOverrides(ScheduleOverride... more) {
        return new Schedule(id, zone, layers, List.of(more), timeOff);
    }

    /** This schedule with this time off (replacing any it had). */
    public Schedule withTimeOff(TimeOff... more) {
        return new Schedule(id, zone, layers, overrides, List.of(more));
    }
}
