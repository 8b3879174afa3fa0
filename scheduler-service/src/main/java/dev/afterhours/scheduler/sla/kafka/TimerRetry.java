package dev.afterhours.scheduler.sla.kafka;

import java.time.Duration;

/**
 * How a timer whose firing fails is retried. It stays in the timer index under its own key (so its due time, and
 * the breach it stands for, are kept) and is tried again at later ticks, waiting {@code initialBackoff},
 * then twice as long each time, at most {@code maxBackoff}. From the {@code alertAfter}-th failure on it counts
 * as stuck ({@code afterhours_scheduler_timer_failures_pending}), and is still retried.
 */
public record TimerRetry(Duration initialBackoff, Duration maxBackoff, int alertAfter) {

    public static final TimerRetry DEFAULT = new TimerRetry(Duration.ofSeconds(1), Duration.ofMinutes(5), 5);

    public TimerRetry {
        if (initialBackoff.isNegative() || initialBackoff.isZero()) {
            throw new IllegalArgumentException("initial backoff must be positive, was " + initialBackoff);
        }
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("max backoff " + maxBackoff + " is below the initial " + initialBackoff);
        }
        if (alertAfter < 1) {
            throw new IllegalArgumentException("alert-after must be at least 1, was " + alertAfter);
        }
    }

    /** The wait after the {@code failures}-th failure in a row (1 = the first). */
    public Duration backoff(int failures) {
        Duration wait = initialBackoff;
        for (int i = 1; i < failures && wait.compareTo(maxBackoff) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }

    /** What the retry store keeps per failing timer: {@code <failures>|<next attempt, epoch millis>}. */
    record Failures(int count, long nextAttemptAt) {

        String encode() {
            return count + "|" + nextAttemptAt;
        }

        static Failures decode(String value) {
            int bar = value.indexOf('|');
            return new Failures(Integer.parseInt(value.substring(0, bar)), Long.parseLong(value.substring(bar + 1)));
        }
    }
}
