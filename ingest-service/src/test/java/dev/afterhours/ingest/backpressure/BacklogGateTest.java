package dev.afterhours.ingest.backpressure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.afterhours.ingest.message.PipelineBehindException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The backlog limit and Retry-After, with nanoTime values passed in (nothing waits). */
class BacklogGateTest {

    private static final long SECOND = Duration.ofSeconds(1).toNanos();

    private final BacklogGate gate = new BacklogGate(1_000, Duration.ofSeconds(10));

    @Test
    void retryAfterIsTheTimeToDrainBackToTheLimitRoundedUp() {
        assertThat(BacklogGate.retryAfterSeconds(1_400, 1_000, 40)).isEqualTo(10);
        assertThat(BacklogGate.retryAfterSeconds(1_401, 1_000, 40)).isEqualTo(11);
        assertThat(BacklogGate.retryAfterSeconds(1_001, 1_000, 2_000)).as("at least a second").isEqualTo(1);
    }

    @Test
    void retryAfterIsBoundedToAMinute_andAStalledPipelineGetsTheMinute() {
        assertThat(BacklogGate.retryAfterSeconds(1_000_000, 1_000, 40)).isEqualTo(60);
        assertThat(BacklogGate.retryAfterSeconds(2_000, 1_000, 0)).isEqualTo(60);
        assertThat(BacklogGate.retryAfterSeconds(2_000, 1_000, Double.NaN)).isEqualTo(60);
        assertThat(BacklogGate.retryAfterSeconds(2_000, 1_000, -5)).isEqualTo(60);
        assertThat(BacklogGate.retryAfterSeconds(900, 1_000, 40)).as("not over the limit").isEqualTo(1);
    }

    @Test
    void atOrUnderTheLimitNothingIsRefused() {
        gate.observe(1_000, 0, 0);

        assertThat(gate.refusal(0)).isNull();
    }

    @Test
    void overTheLimitTheRefusalSaysHowFarBehindAndHowLongToWait_fromTheMeasuredDrainRate() {
        gate.observe(5_000, 10_000, 0);
        gate.observe(4_800, 10_100, 2 * SECOND); // 50 messages/s consumed

        PipelineBehindException refusal = gate.refusal(2 * SECOND);

        assertThat(refusal).isNotNull();
        assertThat(refusal.backlog()).isEqualTo(4_800);
        assertThat(refusal.maxBacklog()).isEqualTo(1_000);
        assertThat(refusal.retryAfterSeconds()).as("3,800 over the limit at 50/s is 76 s, capped").isEqualTo(60);

        gate.observe(1_200, 13_700, 4 * SECOND); // 3,700 consumed in 4 s (the window's oldest sample is kept)
        assertThat(gate.refusal(4 * SECOND).retryAfterSeconds()).as("200 over at 925/s").isEqualTo(1);
    }

    @Test
    void theRateIsMeasuredOverTheRecentWindowOnly() {
        gate.observe(3_000, 0, 0);
        gate.observe(3_000, 0, 20 * SECOND);     // stalled for 20 s
        gate.observe(3_000, 1_000, 25 * SECOND); // then 1,000 in 5 s: 200/s, the stall has left the window

        assertThat(gate.reading(25 * SECOND).drainPerSecond()).isEqualTo(200.0);
        assertThat(gate.refusal(25 * SECOND).retryAfterSeconds()).isEqualTo(10);
    }

    @Test
    void committedOffsetsGoingBackRestartTheMeasurement() {
        gate.observe(3_000, 5_000, 0);
        gate.observe(3_000, 100, SECOND); // offsets reset: no rate yet, not a negative one

        assertThat(gate.reading(SECOND).drainPerSecond()).isNaN();
        assertThat(gate.refusal(SECOND).retryAfterSeconds()).isEqualTo(60);
    }

    @Test
    void anUnreadableBacklogRefusesNothing() {
        gate.observe(5_000, 0, 0);
        gate.unknown();

        assertThat(gate.refusal(0)).isNull();
    }

    @Test
    void aReadingOlderThanStaleAfterRefusesNothing() {
        gate.observe(5_000, 0, 0);

        assertThat(gate.refusal(10 * SECOND)).isNotNull();
        assertThat(gate.refusal(10 * SECOND + 1)).as("the reader is stuck: fail open").isNull();
    }
}
