package dev.afterhours.notifier.report;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * A distribution of durations in logarithmic buckets, each 2% wider than the one before, so that a quantile read
 * from it is within 1% of the true one (to the second), however many durations it holds: memory grows with the
 * spread of the durations (at most a few hundred buckets from a second to a year), never with their number.
 * Zero and sub-second durations share bucket 0. Not thread-safe; the store guards it.
 */
public final class DurationHistogram {

    static final double GROWTH = 1.02;
    private static final double LOG_GROWTH = Math.log(GROWTH);

    /** Bucket index to count; index 0 is [0 s, 1 s), index i >= 1 is [GROWTH^(i-1), GROWTH^i) seconds. */
    private final TreeMap<Integer, Long> buckets = new TreeMap<>();
    private long count;

    public void add(Duration duration) {
        double seconds = Math.max(0, duration.toMillis() / 1000.0);
        int index = seconds < 1 ? 0 : 1 + (int) Math.floor(Math.log(seconds) / LOG_GROWTH);
        buckets.merge(index, 1L, Long::sum);
        count++;
    }

    public void addAll(DurationHistogram other) {
        other.buckets.forEach((index, n) -> buckets.merge(index, n, Long::sum));
        count += other.count;
    }

    public long count() {
        return count;
    }

    /**
     * The q-quantile by nearest rank (the smallest value with at least q of the durations at or below it), as the
     * geometric middle of its bucket, in whole seconds; null when empty.
     */
    public @org.jspecify.annotations.Nullable Long quantileSeconds(double q) {
        if (count == 0) {
            return null;
        }
        long rank = Math.max(1, (long) Math.ceil(q * count));
        long seen = 0;
        for (Map.Entry<Integer, Long> bucket : buckets.entrySet()) {
            seen += bucket.getValue();
            if (seen >= rank) {
                return representative(bucket.getKey());
            }
        }
        return representative(buckets.lastKey());
    }

    private static long representative(int index) {
        if (index == 0) {
            return 0;
        }
        double low = Math.pow(GROWTH, index - 1);
        return Math.round(low * Math.sqrt(GROWTH));
    }
}
