package dev.afterhours.businesstime.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The final schedule, computed from the rules, never stored.
 *
 * <p>Who is on call at an instant t: start from the layers, top (last) first; a layer yields its member for t if t
 * is at or after its first handoff, one of its restrictions (if any) contains t's wall-clock time in the layer's
 * zone, and that member has no time off at t; otherwise the next layer down is asked. Then each override, in list
 * order, that contains t and either names no {@code covered} or names the person the result so far has, replaces
 * that result. Nobody is on call if no layer yields anyone and no override applies.
 *
 * <p>Handoff k of a layer is at {@code ZonedDateTime.of(start + k * rotation, zone)}: exact in local time. A
 * handoff that falls in a skipped hour (02:30 on a spring-forward day) moves later by the length of the gap (03:30
 * after a one-hour gap); one in a repeated hour is at its first occurrence (the earlier offset).
 *
 * <p>The computation never walks minute by minute: the answer can only change at a handoff, a restriction edge
 * (at each of its offsets), an offset transition of a layer's zone, or the edge of an override or a time off, so
 * it evaluates the rule once at each such instant in the range.
 */
public final class FinalSchedule {

    /** The longest range {@link #compute} and {@link CoverageGaps#find} accept, and how far {@link #next} looks. */
    public static final Duration HORIZON = Duration.ofDays(2 * 366);

    private FinalSchedule() {
    }

    /**
     * The entries of {@code [from, to)} in order, without overlaps; adjacent stretches of the same person from the
     * same source are merged, and the first and last entry are cut at {@code from} and {@code to}.
     */
    public static List<Entry> compute(Schedule schedule, Instant from, Instant to) {
        List<Entry> entries = new ArrayList<>();
        for (Segment segment : segments(schedule, from, to)) {
            OnCall onCall = segment.onCall();
            if (onCall != null) {
                entries.add(new Entry(segment.start(), segment.end(), onCall.staffId(), onCall.source()));
            }
        }
        return entries;
    }

    /** Who is on call at {@code at}, and why; empty if nobody is. */
    public static Optional<OnCall> onCallAt(Schedule schedule, Instant at) {
        return Optional.ofNullable(evaluate(schedule, Objects.requireNonNull(at, "at")));
    }

    /**
     * The next {@code count} changes of the person on call strictly after {@code after} (to or from nobody
     * included), within {@link #HORIZON}; fewer if there are not that many.
     */
    public static List<Handoff> next(Schedule schedule, Instant after, int count) {
        if (count < 1 || count > 1000) {
            throw new InvalidScheduleException("count", count + " is not in 1..1000");
        }
        List<Handoff> handoffs = new ArrayList<>();
        @Nullable OnCall current = evaluate(schedule, after);
        Instant end = after.plus(HORIZON);
        for (Instant chunk = after; chunk.isBefore(end) && handoffs.size() < count; ) {
            Instant chunkEnd = min(chunk.plus(Duration.ofDays(35)), end);
            for (Segment segment : segments(schedule, chunk, chunkEnd)) {
                if (segment.start().isAfter(after) && !staffOf(segment.onCall()).equals(staffOf(current))) {
                    handoffs.add(new Handoff(segment.start(), current, segment.onCall()));
                    if (handoffs.size() == count) {
                        break;
                    }
                }
                current = segment.onCall();
            }
            chunk = chunkEnd;
        }
        return handoffs;
    }

    private static String staffOf(@Nullable OnCall onCall) {
        return onCall == null ? "" : onCall.staffId();
    }

    /** A stretch in which the answer does not change; null: nobody is on call. */
    record Segment(Instant start, Instant end, @Nullable OnCall onCall) {
    }

    /** {@code [from, to)} cut into maximal stretches of one answer (nobody included), in order. */
    static List<Segment> segments(Schedule schedule, Instant from, Instant to) {
        InvalidScheduleException.required("from", from);
        InvalidScheduleException.required("to", to);
        if (to.isBefore(from)) {
            throw new InvalidScheduleException("to", to + " is before from " + from);
        }
        if (Duration.between(from, to).compareTo(HORIZON) > 0) {
            throw new InvalidScheduleException("to", "the range " + from + " - " + to + " is longer than "
                    + HORIZON.toDays() + " days");
        }
        List<Segment> segments = new ArrayList<>();
        List<Instant> edges = new ArrayList<>(candidateEdges(schedule, from, to));
        edges.add(to);
        for (int i = 0; i + 1 < edges.size(); i++) {
            Instant start = edges.get(i);
            @Nullable OnCall onCall = evaluate(schedule, start);
            int last = segments.size() - 1;
            if (last >= 0 && Objects.equals(segments.get(last).onCall(), onCall)) {
                segments.set(last, new Segment(segments.get(last).start(), edges.get(i + 1), onCall));
            } else {
                segments.add(new Segment(start, edges.get(i + 1), onCall));
            }
        }
        return segments;
    }

    /** {@code from} and every instant in {@code (from, to)} at which the answer may change, in order. */
    private static NavigableSet<Instant> candidateEdges(Schedule schedule, Instant from, Instant to) {
        NavigableSet<Instant> edges = new TreeSet<>();
        for (Layer layer : schedule.layers()) {
            ZoneId zone = Objects.requireNonNull(layer.zone());
            LocalDate firstDay = LocalDate.ofInstant(from, zone).minusDays(2);
            LocalDate lastDay = LocalDate.ofInstant(to, zone).plusDays(2);
            long k = Math.max(0, Math.floorDiv(ChronoUnit.DAYS.between(layer.start().toLocalDate(), firstDay),
                    layer.rotationDays()));
            for (LocalDateTime handoff = layer.handoff(k); !handoff.toLocalDate().isAfter(lastDay);
                 handoff = layer.handoff(++k)) {
                edges.add(handoffInstant(handoff, zone));
            }
            for (Window window : layer.restrictions()) {
                for (LocalDate day = firstDay; !day.isAfter(lastDay); day = day.plusDays(1)) {
                    if (window.days().contains(day.getDayOfWeek())) {
                        addEveryOccurrence(edges, window.opensOn(day), zone);
                        addEveryOccurrence(edges, window.closesAfter(day), zone);
                    }
                }
            }
            for (ZoneOffsetTransition t = zone.getRules().nextTransition(from);
                 t != null && t.getInstant().isBefore(to); t = zone.getRules().nextTransition(t.getInstant())) {
                edges.add(t.getInstant());
            }
        }
        for (ScheduleOverride override : schedule.overrides()) {
            edges.add(override.from());
            edges.add(override.to());
        }
        for (TimeOff off : schedule.timeOff()) {
            edges.add(off.from());
            edges.add(off.to());
        }
        NavigableSet<Instant> inside = new TreeSet<>(edges.subSet(from, false, to, false));
        inside.add(from);
        return inside;
    }

    private static void addEveryOccurrence(NavigableSet<Instant> edges, LocalDateTime local, ZoneId zone) {
        for (ZoneOffset offset : zone.getRules().getValidOffsets(local)) {
            edges.add(local.toInstant(offset));
        }
    }

    /** The handoff rule: exact local time; in a gap, later by the gap's length; in an overlap, the earlier offset. */
    static Instant handoffInstant(LocalDateTime local, ZoneId zone) {
        return ZonedDateTime.of(local, zone).toInstant();
    }

    static @Nullable OnCall evaluate(Schedule schedule, Instant t) {
        @Nullable OnCall current = fromLayers(schedule, t);
        List<ScheduleOverride> overrides = schedule.overrides();
        for (int i = 0; i < overrides.size(); i++) {
            ScheduleOverride override = overrides.get(i);
            if (override.contains(t)
                    && (override.covered() == null || current != null && current.staffId().equals(override.covered()))) {
                current = new OnCall(override.staffId(), new Source.OfOverride(i));
            }
        }
        return current;
    }

    private static @Nullable OnCall fromLayers(Schedule schedule, Instant t) {
        for (int i = schedule.layers().size() - 1; i >= 0; i--) {
            Layer layer = schedule.layers().get(i);
            ZoneId zone = Objects.requireNonNull(layer.zone());
            long k = rotationIndex(layer, zone, t);
            if (k < 0) {
                continue;
            }
            LocalDateTime local = LocalDateTime.ofInstant(t, zone);
            if (!layer.restrictions().isEmpty() && layer.restrictions().stream().noneMatch(w -> w.contains(local))) {
                continue;
            }
            String member = layer.members().get((int) (k % layer.members().size()));
            if (schedule.timeOff().stream().anyMatch(off -> off.contains(member, t))) {
                continue;
            }
            return new OnCall(member, new Source.OfLayer(i, layer.name()));
        }
        return null;
    }

    /** The k of the last handoff at or before t; negative before the first handoff. */
    private static long rotationIndex(Layer layer, ZoneId zone, Instant t) {
        long days = ChronoUnit.DAYS.between(layer.start().toLocalDate(), LocalDate.ofInstant(t, zone));
        long k = Math.floorDiv(days, layer.rotationDays());
        while (handoffInstant(layer.handoff(k), zone).isAfter(t)) {
            k--;
        }
        while (!handoffInstant(layer.handoff(k + 1), zone).isAfter(t)) {
            k++;
        }
        return k;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
