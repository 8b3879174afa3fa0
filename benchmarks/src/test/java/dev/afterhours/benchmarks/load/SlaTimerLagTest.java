package dev.afterhours.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.afterhours.contracts.SlaBreached;
import dev.afterhours.contracts.SlaClock;
import dev.afterhours.contracts.SlaEvent;
import dev.afterhours.contracts.SlaMet;
import dev.afterhours.contracts.SlaStarted;
import dev.afterhours.contracts.SlaWarned;
import dev.afterhours.contracts.SlaWarningLevel;
import dev.afterhours.contracts.Urgency;
import java.time.Duration;
import java.time.Instant;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** The lag of each timer is measured from the instant the scheduler plans it for, on the events it publishes. */
class SlaTimerLagTest {

    static final Instant RECEIVED = Instant.parse("2026-12-07T10:00:00Z");

    @Test
    void warningsPagesAndBreachesAreMeasuredFromTheirOwnDueInstants() {
        SlaTimerLag lag = new SlaTimerLag(slaId -> slaId.startsWith("ours-"), true);
        Instant due = RECEIVED.plusSeconds(60);
        lag.onSlaEvent(started("ours-1", SlaClock.BUSINESS), null);
        // Warn at 50% of PT60S: due 10:00:30, fired 120 ms late, seen 300 ms late.
        lag.onSlaEvent(warned("ours-1", 50, SlaWarningLevel.NOTIFY, RECEIVED.plusMillis(30_120), due),
                RECEIVED.plusMillis(30_300));
        // Page at 80%: due 10:00:48, fired 250 ms late.
        lag.onSlaEvent(warned("ours-1", 80, SlaWarningLevel.PAGE, RECEIVED.plusMillis(48_250), due),
                RECEIVED.plusMillis(48_400));
        lag.onSlaEvent(event("ours-1", due.plusMillis(900), new SlaBreached(due)), due.plusMillis(1_500));
        lag.onSlaEvent(started("theirs-1", SlaClock.CALENDAR), null);
        lag.onSlaEvent(event("theirs-1", due.plusSeconds(30), new SlaBreached(due)), null);

        assertThat(millis(lag.fired(SlaTimerLag.Kind.WARNING))).containsExactly(120);
        assertThat(millis(lag.visible(SlaTimerLag.Kind.WARNING))).containsExactly(300);
        assertThat(millis(lag.fired(SlaTimerLag.Kind.PAGE))).containsExactly(250);
        assertThat(millis(lag.visible(SlaTimerLag.Kind.PAGE))).containsExactly(400);
        assertThat(millis(lag.fired(SlaTimerLag.Kind.BREACH))).containsExactly(900);
        assertThat(millis(lag.visible(SlaTimerLag.Kind.BREACH))).containsExactly(1_500);
        assertThat(lag.starts()).isEqualTo(1);
        assertThat(lag.breaches()).isEqualTo(1);
    }

    @Test
    void aBusinessClockWarningIsNotMeasuredUnlessTheCalendarIsOpenAroundTheClock() {
        SlaTimerLag lag = new SlaTimerLag();
        Instant due = RECEIVED.plusSeconds(60);
        lag.onSlaEvent(started("b", SlaClock.BUSINESS));
        lag.onSlaEvent(warned("b", 50, SlaWarningLevel.NOTIFY, RECEIVED.plusSeconds(31), due));
        lag.onSlaEvent(started("c", SlaClock.CALENDAR));
        lag.onSlaEvent(warned("c", 50, SlaWarningLevel.NOTIFY, RECEIVED.plusMillis(30_010), due));
        lag.onSlaEvent(warned("unseen-start", 50, SlaWarningLevel.NOTIFY, RECEIVED.plusSeconds(31), due));

        assertThat(millis(lag.firedSinceLastCall())).containsExactly(10);
        assertThat(lag.unmeasured()).isEqualTo(2);
    }

    @Test
    void anEarlyTimerCountsAsNoLagAndAMetSlaIsForgotten() {
        SlaTimerLag lag = new SlaTimerLag();
        Instant due = RECEIVED.plusSeconds(60);
        lag.onSlaEvent(started("early", SlaClock.CALENDAR));
        lag.onSlaEvent(event("early", due.minusMillis(5), new SlaBreached(due)));
        lag.onSlaEvent(started("met", SlaClock.CALENDAR));
        lag.onSlaEvent(event("met", RECEIVED.plusSeconds(10), new SlaMet(due, RECEIVED.plusSeconds(10), "reply")));
        lag.onSlaEvent(warned("met", 50, SlaWarningLevel.NOTIFY, RECEIVED.plusSeconds(30), due));

        assertThat(millis(lag.fired(SlaTimerLag.Kind.BREACH))).containsExactly(0);
        assertThat(lag.fired(SlaTimerLag.Kind.WARNING).getTotalCount()).isZero();
        assertThat(lag.unmeasured()).isEqualTo(1);
    }

    private static SlaEvent started(String slaId, SlaClock clock) {
        return event(slaId, RECEIVED, new SlaStarted(RECEIVED, clock, "PT60S", RECEIVED.plusSeconds(60)));
    }

    private static SlaEvent warned(String slaId, int percent, SlaWarningLevel level, Instant at, Instant due) {
        return event(slaId, at, new SlaWarned(due, Duration.between(at, due).toString(), percent, level));
    }

    private static SlaEvent event(String slaId, Instant at, Object payload) {
        return SlaEvent.newBuilder().setEventId(slaId + "@" + at).setSlaId(slaId).setClientId("c").setConversationId("k")
                .setUrgency(Urgency.NORMAL).setOccurredAt(at).setPayload(payload).build();
    }

    /** The recorded values, in milliseconds (recorded in microseconds, to 3 significant digits). */
    private static java.util.List<Integer> millis(Histogram h) {
        java.util.List<Integer> values = new java.util.ArrayList<>();
        h.recordedValues().forEach(v -> {
            for (long i = 0; i < v.getCountAtValueIteratedTo(); i++) {
                values.add((int) Math.round(h.highestEquivalentValue(v.getValueIteratedTo()) / 1000.0));
            }
        });
        return values;
    }
}
