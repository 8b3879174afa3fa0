package dev.afterhours.directory;

import dev.afterhours.businesstime.schedule.InvalidScheduleException;
import dev.afterhours.businesstime.schedule.Layer;
import dev.afterhours.businesstime.schedule.Schedule;
import dev.afterhours.businesstime.schedule.ScheduleOverride;
import dev.afterhours.businesstime.schedule.TimeOff;
import dev.afterhours.businesstime.schedule.Window;
import dev.afterhours.contracts.RestrictionWindow;
import dev.afterhours.contracts.Rotation;
import dev.afterhours.contracts.RotationLayer;
import dev.afterhours.contracts.RotationOverride;
import dev.afterhours.contracts.RotationTimeOff;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A layered {@link Rotation} (one whose {@code layers} is not empty) as the business-time engine's
 * {@link Schedule}, so that who is on call, the final schedule and its gaps are computed, never stored, and the
 * same wherever they are computed.
 */
public final class RotationSchedules {

    private RotationSchedules() {
    }

    /** True for a schedule of layers; false for a simple rotation (members taking turns of shiftLength). */
    public static boolean isLayered(Rotation rotation) {
        return !rotation.getLayers().isEmpty();
    }

    /**
     * The engine's schedule of a layered rotation.
     *
     * @throws IllegalArgumentException with a message that starts with the offending field, e.g.
     *                                  {@code layers[0].start: ...}
     */
    public static Schedule schedule(Rotation rotation) {
        if (!isLayered(rotation)) {
            throw new IllegalArgumentException("layers: rotation '" + rotation.getRotationId() + "' has no layers");
        }
        ZoneId zone = zone("zone", rotation.getZone());
        List<Layer> layers = new ArrayList<>();
        for (int i = 0; i < rotation.getLayers().size(); i++) {
            layers.add(layer("layers[" + i + "]", rotation.getLayers().get(i)));
        }
        List<ScheduleOverride> overrides = new ArrayList<>();
        for (int i = 0; i < rotation.getOverrides().size(); i++) {
            RotationOverride o = rotation.getOverrides().get(i);
            overrides.add(engine("overrides[" + i + "]", () -> new ScheduleOverride(o.getFrom(), o.getTo(), o.getStaffId(),
                    o.getCovered())));
        }
        List<TimeOff> timeOff = new ArrayList<>();
        for (int i = 0; i < rotation.getTimeOff().size(); i++) {
            RotationTimeOff t = rotation.getTimeOff().get(i);
            timeOff.add(engine("timeOff[" + i + "]", () -> new TimeOff(t.getStaffId(), t.getFrom(), t.getTo())));
        }
        return engine("layers", () -> new Schedule(rotation.getRotationId(), zone, layers, overrides, timeOff));
    }

    private static Layer layer(String field, RotationLayer layer) {
        ZoneId zone = layer.getZone() == null ? null : zone(field + ".zone", layer.getZone());
        LocalDateTime start;
        try {
            start = LocalDateTime.parse(layer.getStart());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(field + ".start: '" + layer.getStart()
                    + "' is not a local date-time like 2026-01-05T09:00");
        }
        if (layer.getRotationDays() < 1 || layer.getRotationDays() > 366) {
            throw new IllegalArgumentException(field + ".rotationDays: must be between 1 and 366, was "
                    + layer.getRotationDays());
        }
        List<Window> windows = new ArrayList<>();
        for (int i = 0; i < layer.getRestrictions().size(); i++) {
            windows.add(window(field + ".restrictions[" + i + "]", layer.getRestrictions().get(i)));
        }
        return engine(field, () -> new Layer(layer.getName(), layer.getMembers(), zone, start,
                Period.ofDays(layer.getRotationDays()), windows));
    }

    private static Window window(String field, RestrictionWindow window) {
        if (window.getDays().isEmpty()) {
            throw new IllegalArgumentException(field + ".days: name at least one day");
        }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        window.getDays().forEach(d -> days.add(DayOfWeek.valueOf(d.name())));
        return engine(field, () -> Window.of(days, window.getFrom(), window.getTo()));
    }

    private static ZoneId zone(String field, String zone) {
        if (zone == null || zone.isBlank()) {
            throw new IllegalArgumentException(field + ": a schedule of layers needs a zone, e.g. Europe/Berlin");
        }
        try {
            return ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(field + ": '" + zone + "' is not a time zone id like Europe/Berlin");
        }
    }

    /** Runs an engine constructor, putting our field path in front of the engine's own message. */
    private static <T> T engine(String field, java.util.function.Supplier<T> build) {
        try {
            return build.get();
        } catch (InvalidScheduleException | DateTimeException e) {
            throw new IllegalArgumentException(field + ": " + e.getMessage(), e);
        }
    }
}
