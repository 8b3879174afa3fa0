package dev.afterhours.ingest.backpressure;

import dev.afterhours.ingest.message.PipelineBehindException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import org.jspecify.annotations.Nullable;

/**
 * The last backlog read from Kafka and what it means for a routine message: taken, or refused with how long to wait.
 * Fed by one background reader ({@link #observe}, {@link #unknown}); asked on the request path ({@link #refusal}),
 * which only reads a volatile field. A backlog that could not be read, or was read too long ago, refuses nothing
 * (fail open: Kafka takes the writes or the publish itself fails with 503).
 *
 * <p>Times are {@link System#nanoTime()} values passed in, so the arithmetic is tested without waiting.
 */
public final class BacklogGate {

    /** Bounds of {@code Retry-After}: at least a second, at most a minute (a caller should look again by then). */
    public static final long MIN_RETRY_AFTER_SECONDS = 1;
    public static final long MAX_RETRY_AFTER_SECONDS = 60;

    /** The drain rate is measured over about this much of the recent past. */
    static final Duration RATE_WINDOW = Duration.ofSeconds(10);

    /** One reading: the backlog, and how fast the group is consuming (messages/s; NaN until two readings exist). */
    public record Reading(long backlog, double drainPerSecond, long atNanos) {
    }

    private record Sample(long consumed, long atNanos) {
    }

    private final long maxBacklog;
    private final long staleAfterNanos;
    private final Deque<Sample> samples = new ArrayDeque<>();
    private volatile @Nullable Reading reading;

    /**
     * @param staleAfter a reading older than this is ignored (the reader is stuck or failing)
     */
    public BacklogGate(long maxBacklog, Duration staleAfter) {
        this.maxBacklog = maxBacklog;
        this.staleAfterNanos = staleAfter.toNanos();
    }

    /**
     * @param backlog  messages the group has still to consume
     * @param consumed the group's committed offsets summed over the topic's partitions (their growth is the drain)
     */
    public synchronized void observe(long backlog, long consumed, long nowNanos) {
        Sample first = samples.peekFirst();
        if (first != null && consumed < samples.getLast().consumed()) {
            samples.clear(); // offsets reset or partitions changed: start measuring again
        }
        samples.addLast(new Sample(consumed, nowNanos));
        while (samples.size() > 2 && nowNanos - samples.getFirst().atNanos() > RATE_WINDOW.toNanos()) {
            samples.removeFirst();
        }
        Sample oldest = samples.getFirst();
        double elapsedSeconds = (nowNanos - oldest.atNanos()) / 1e9;
        double rate = elapsedSeconds > 0 ? (consumed - oldest.consumed()) / elapsedSeconds : Double.NaN;
        reading = new Reading(Math.max(0, backlog), rate, nowNanos);
    }

    /** The backlog could not be read: refuse nothing until it can. */
    public synchronized void unknown() {
        samples.clear();
        reading = null;
    }

    /** The current reading, or null if there is none recent enough to act on. */
    public @Nullable Reading reading(long nowNanos) {
        Reading current = reading;
        return current == null || nowNanos - current.atNanos() > staleAfterNanos ? null : current;
    }

    /** Why a routine message is refused now, or null if it is taken. */
    public @Nullable PipelineBehindException refusal(long nowNanos) {
        Reading current = reading(nowNanos);
        if (current == null || current.backlog() <= maxBacklog) {
            return null;
        }
        return new PipelineBehindException(current.backlog(), maxBacklog,
                retryAfterSeconds(current.backlog(), maxBacklog, current.drainPerSecond()));
    }

    public long maxBacklog() {
        return maxBacklog;
    }

    /**
     * How long a refused caller should wait: the time the group needs, at its current rate, to bring the backlog
     * back to the limit, in whole seconds rounded up, between {@value #MIN_RETRY_AFTER_SECONDS} and
     * {@value #MAX_RETRY_AFTER_SECONDS}. A group that is not draining (rate zero or unknown) gets the maximum.
     */
    public static long retryAfterSeconds(long backlog, long maxBacklog, double drainPerSecond) {
        long excess = backlog - maxBacklog;
        if (excess <= 0) {
            return MIN_RETRY_AFTER_SECONDS;
        }
        if (!(drainPerSecond > 0)) { // also NaN
            return MAX_RETRY_AFTER_SECONDS;
        }
        double seconds = Math.ceil(excess / drainPerSecond);
        return (long) Math.max(MIN_RETRY_AFTER_SECONDS, Math.min(MAX_RETRY_AFTER_SECONDS, seconds));
    }
}
