package dev.afterhours.benchmarks.load;

import dev.afterhours.contracts.SlaBreached;
import dev.afterhours.contracts.SlaClock;
import dev.afterhours.contracts.SlaEvent;
import dev.afterhours.contracts.SlaStarted;
import dev.afterhours.contracts.SlaWarned;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.HdrHistogram.Recorder;

/**
 * How late the scheduler's SLA timers fire under load: for each breach, its {@code occurredAt} (the scheduler's wall
 * clock when the timer fired) minus its {@code dueAt}; for each warning of an SLA started during the run on the
 * CALENDAR clock, {@code occurredAt} minus {@code receivedAt + target x percent / 100}. (A BUSINESS-clock warning's
 * due instant needs the client's calendar, so it is left out.) The goal is within a second of the due time.
 */
final class SlaTimerLag {

    private record Started(Instant receivedAt, SlaClock clock, Duration target) {
    }

    private final Recorder lags = new Recorder(3);
    private final Map<String, Started> started = new ConcurrentHashMap<>();

    Recorder recorder() {
        return lags;
    }

    void onSlaEvent(Object value) {
        if (!(value instanceof SlaEvent event)) {
            return;
        }
        switch (event.getPayload()) {
            case SlaStarted s -> started.put(event.getSlaId(), new Started(s.getReceivedAt(), s.getClock(),
                    Duration.parse(s.getTarget())));
            case SlaBreached b -> {
                record(event.getOccurredAt(), b.getDueAt());
                started.remove(event.getSlaId());
            }
            case SlaWarned w -> {
                Started s = started.get(event.getSlaId());
                if (s != null && s.clock() == SlaClock.CALENDAR && w.getPercent() > 0) {
                    record(event.getOccurredAt(), s.receivedAt().plus(s.target().multipliedBy(w.getPercent()).dividedBy(100)));
                }
            }
            default -> started.remove(event.getSlaId());
        }
    }

    private void record(Instant firedAt, Instant dueAt) {
        lags.recordValue(Math.max(0, Duration.between(dueAt, firedAt).toNanos() / 1_000)); // microseconds
    }
}
