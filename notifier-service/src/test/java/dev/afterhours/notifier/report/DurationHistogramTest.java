package dev.afterhours.notifier.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class DurationHistogramTest {

    @Test
    void quantilesWithinOnePercentOfTheExactOnesByNearestRank() {
        Random random = new Random(14);
        long[] seconds = LongStream.generate(() -> 1 + (long) (Math.exp(random.nextDouble() * 13))).limit(10_000).sorted().toArray();
        DurationHistogram histogram = new DurationHistogram();
        for (long s : seconds) {
            histogram.add(Duration.ofSeconds(s));
        }
        for (double q : new double[] {0.5, 0.9, 0.99}) {
            long exact = seconds[(int) Math.ceil(q * seconds.length) - 1];
            assertThat(histogram.quantileSeconds(q)).as("q" + q).isCloseTo(exact, within(Math.max(1, exact / 100)));
        }
        assertThat(histogram.count()).isEqualTo(10_000);
    }

    @Test
    void emptyHasNoQuantileAndSubSecondIsZero() {
        DurationHistogram histogram = new DurationHistogram();
        assertThat(histogram.quantileSeconds(0.5)).isNull();
        histogram.add(Duration.ofMillis(400));
        assertThat(histogram.quantileSeconds(0.5)).isZero();
        DurationHistogram merged = new DurationHistogram();
        merged.addAll(histogram);
        merged.add(Duration.ofHours(1));
        assertThat(merged.quantileSeconds(1.0)).isCloseTo(3600L, within(36L));
        assertThat(merged.count()).isEqualTo(2);
    }
}
