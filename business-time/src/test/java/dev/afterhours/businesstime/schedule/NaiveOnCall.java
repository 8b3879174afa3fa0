package dev.afterhours.businesstime.schedule;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The reference: the schedule's rules applied to one instant at a time, written for obviousness rather than speed,
 * and sharing no code with {@link FinalSchedule}. Every handoff of every layer is listed up front (wall-clock
 * start plus k rotations, turned into an instant by the zone rules by hand), and the turn at t is found by scanning
 * that list; restrictions are checked on t's wall-clock time of day and day of week.
 */
final class NaiveOnCall {

    private final Schedule schedule;
    private final List<List<Instant>> handoffs = new ArrayList<>();

    NaiveOnCall(Schedule schedule, Instant until) {
        this.schedule = schedule;
        for (Layer layer : schedule.layers()) {
            List<Instant> instants = new ArrayList<>();
            for (LocalDateTime wall = layer.start(); ; wall = wall.plusDays(layer.rotation().getDays())) {
                Instant handoff = wallClockToInstant(wall, Objects.requireNonNull(layer.zone()));
                instants.add(handoff);
                if (handoff.isAfter(until)) {
                    break;
                }
            }
            handoffs.add(instants);
        }
    }

    /**
     * The handoff rule by hand: a wall-clock time that exists once is that instant; one that exists twice (an
     * overlap) is the earlier instant; one that does not exist (a gap) is moved later by the length of the gap.
     */
    static Instant wallClockToInstant(LocalDateTime wall, ZoneId zone) {
        ZoneRules rules = zone.getRules();
        List<ZoneOffset> offsets = rules.getValidOffsets(wall);
        if (offsets.isEmpty()) {
            ZoneOffsetTransition gap = rules.getTransition(wall);
            return wall.plus(gap.getDuration()).toInstant(gap.getOffsetAfter());
        }
        return offsets.stream().map(wall::toInstant).min(Comparator.naturalOrder()).orElseThrow();
    }

    /** Who is on call at t, or null for nobody. */
    @Nullable OnCall at(Instant t) {
        OnCall result = null;
        for (int i = schedule.layers().size() - 1; i >= 0 && result == null; i--) {
            Layer layer = schedule.layers().get(i);
            int turn = -1;
            List<Instant> layerHandoffs = handoffs.get(i);
            for (int k = 0; k < layerHandoffs.size() && !layerHandoffs.get(k).isAfter(t); k++) {
                turn = k;
            }
            if (turn < 0) {
                continue;
            }
            LocalDateTime wall = LocalDateTime.ofInstant(t, Objects.requireNonNull(layer.zone()));
            if (!layer.restrictions().isEmpty() && layer.restrictions().stream().noneMatch(w -> inWindow(w, wall))) {
                continue;
            }
            String member = layer.members().get(turn % layer.members().size());
            if (isAway(member, t)) {
                continue;
            }
            result = new OnCall(member, new Source.OfLayer(i, layer.name()));
        }
        for (int i = 0; i < schedule.overrides().size(); i++) {
            ScheduleOverride o = schedule.overrides().get(i);
            boolean inside = !t.isBefore(o.from()) && t.isBefore(o.to());
            boolean applies = o.covered() == null || result != null && result.staffId().equals(o.covered());
            if (inside && applies) {
                result = new OnCall(o.staffId(), new Source.OfOverride(i));
            }
        }
        return result;
    }

    private boolean isAway(String member, Instant t) {
        for (TimeOff off : schedule.timeOff()) {
            if (off.staffId().equals(member) && !t.isBefore(off.from()) && t.isBefore(off.to())) {
                return true;
            }
        }
        return false;
    }

    /** Same day {@code [from, to)} if to is after from; else from {@code from} today, or before {@code to} the day after. */
    static boolean inWindow(Window window, LocalDateTime wall) {
        LocalTime time = wall.toLocalTime();
        DayOfWeek today = wall.getDayOfWeek();
        DayOfWeek yesterday = today.minus(1);
        if (window.to().isAfter(window.from())) {
            return window.days().contains(today) && !time.isBefore(window.from()) && time.isBefore(window.to());
        }
        return window.days().contains(today) && !time.isBefore(window.from())
                || window.days().contains(yesterday) && time.isBefore(window.to());
    }
}
