package dev.afterhours.benchmarks.load;

import dev.afterhours.contracts.SlaBreached;
import dev.afterhours.contracts.SlaClock;
import dev.afterhours.contracts.SlaEvent;
import dev.afterhours.contracts.SlaStarted;
import dev.afterhours.contracts.SlaWarned;
import dev.afterhours.contracts.SlaWarningLevel;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * How late the scheduler's SLA timers fire: for each breach, its {@code occurredAt} (the scheduler's wall clock when
 * the timer fired) minus its {@code dueAt}; for each warning of an SLA whose start was seen, {@code occurredAt} minus
 * {@code receivedAt + target x percent / 100}, the instant the scheduler plans it for. That is exact on the CALENDAR
 * clock; on the BUSINESS clock only when the client's calendar is open around the clock ({@code businessIsWallClock},
 * as for the client {@link SlaLagProbe} configures), otherwise such warnings are left out. The goal is within a second
 * of the due time.
 *
 * <p>Besides when the timer fired, when the event became visible: the instant a {@code read_committed} reader got it,
 * minus the same due time, which adds the scheduler's transaction commit to the firing. Lags are recorded in
 * microseconds, an early event (none should be) as 0.
 */
final class SlaTimerLag {

    /** Which timer fired. */
    enum Kind { WARNING, PAGE, BREACH }

    private record Started(Instant receivedAt, SlaClock clock, Duration target) {
    }

    private final Predicate<String> ours;
    private final boolean businessIsWallClock;
    private final Map<String, Started> started = new ConcurrentHashMap<>();
    private final Map<Kind, Recorder> fired = new EnumMap<>(Kind.class);
    private final Map<Kind, Recorder> visible = new EnumMap<>(Kind.class);
    private final LongAdder starts = new LongAdder();
    private final LongAdder breaches = new LongAdder();
    private final LongAdder unmeasured = new LongAdder();

    /** Every SLA, warnings on the CALENDAR clock only (the load generator's). */
    SlaTimerLag() {
        this(slaId -> true, false);
    }

    /**
     * @param ours                which SLAs (by slaId) to measure
     * @param businessIsWallClock the SLAs' calendars are open around the clock, so BUSINESS time is wall time
     */
    SlaTimerLag(Predicate<String> ours, boolean businessIsWallClock) {
        this.ours = ours;
        this.businessIsWallClock = businessIsWallClock;
        for (Kind kind : Kind.values()) {
            fired.put(kind, new Recorder(3));
            visible.put(kind, new Recorder(3));
        }
    }

    /** An SLA event as read, without knowing when: the firing lag only. */
    void onSlaEvent(Object value) {
        onSlaEvent(value, null);
    }

    /** @param seenAt when a read_committed reader got it, or null */
    void onSlaEvent(Object value, Instant seenAt) {
        if (!(value instanceof SlaEvent event) || !ours.test(event.getSlaId())) {
            return;
        }
        switch (event.getPayload()) {
            case SlaStarted s -> {
                started.put(event.getSlaId(), new Started(s.getReceivedAt(), s.getClock(), Duration.parse(s.getTarget())));
                starts.increment();
            }
            case SlaBreached b -> {
                record(Kind.BREACH, event.getOccurredAt(), b.getDueAt(), seenAt);
                started.remove(event.getSlaId());
                breaches.increment();
            }
            case SlaWarned w -> {
                Started s = started.get(event.getSlaId());
                Kind kind = w.getLevel() == SlaWarningLevel.PAGE ? Kind.PAGE : Kind.WARNING;
                if (s != null && w.getPercent() > 0 && (s.clock() == SlaClock.CALENDAR || businessIsWallClock)) {
                    record(kind, event.getOccurredAt(),
                            s.receivedAt().plus(s.target().multipliedBy(w.getPercent()).dividedBy(100)), seenAt);
                } else {
                    unmeasured.increment();
                }
            }
            default -> started.remove(event.getSlaId()); // met: its timers are cancelled
        }
    }

    private void record(Kind kind, Instant firedAt, Instant dueAt, Instant seenAt) {
        fired.get(kind).recordValue(micros(dueAt, firedAt));
        if (seenAt != null) {
            visible.get(kind).recordValue(micros(dueAt, seenAt));
        }
    }

    private static long micros(Instant dueAt, Instant at) {
        return Math.max(0, Duration.between(dueAt, at).toNanos() / 1_000);
    }

    /** Every firing lag since the last call, all kinds together (resets them). */
    Histogram firedSinceLastCall() {
        Histogram all = new Histogram(3);
        for (Kind kind : Kind.values()) {
            all.add(fired.get(kind).getIntervalHistogram());
        }
        return all;
    }

    /** The firing lags of one kind since the last call of this or {@link #firedSinceLastCall} (resets them). */
    Histogram fired(Kind kind) {
        return fired.get(kind).getIntervalHistogram();
    }

    /** The visibility lags of one kind since the last call (resets them). */
    Histogram visible(Kind kind) {
        return visible.get(kind).getIntervalHistogram();
    }

    /** SLAs of ours started, and breached, so far. */
    long starts() {
        return starts.sum();
    }

    long breaches() {
        return breaches.sum();
    }

    /** Warnings seen whose due instant could not be known (their start not seen, or a BUSINESS clock). */
    long unmeasured() {
        return unmeasured.sum();
    }
}
