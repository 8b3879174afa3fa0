package dev.afterhours.businesstime.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Checks the computed final schedule against {@link NaiveOnCall} for every minute of a range. The inputs of every
 * caller are on the minute, so every change of the answer is on a minute; the check asserts that of the computed
 * entries too, which makes agreement at every minute agreement at every instant.
 */
final class ReferenceCheck {

    private ReferenceCheck() {
    }

    /** Asserts compute, onCallAt, CoverageGaps.find and next against the reference; returns the entries. */
    static List<Entry> assertAgreesEveryMinute(Schedule schedule, Instant from, Instant to) {
        List<Entry> entries = FinalSchedule.compute(schedule, from, to);
        List<Gap> gaps = CoverageGaps.find(schedule, from, to);
        assertWellFormed(entries, gaps, from, to);
        NaiveOnCall naive = new NaiveOnCall(schedule, to);
        List<Instant> changes = new ArrayList<>();
        @Nullable OnCall previous = null;
        int e = 0;
        int g = 0;
        for (Instant t = from; t.isBefore(to); t = t.plusSeconds(60)) {
            while (e < entries.size() && !entries.get(e).end().isAfter(t)) {
                e++;
            }
            while (g < gaps.size() && !gaps.get(g).end().isAfter(t)) {
                g++;
            }
            Entry entry = e < entries.size() && !entries.get(e).start().isAfter(t) ? entries.get(e) : null;
            OnCall computed = entry == null ? null : new OnCall(entry.staffId(), entry.source());
            boolean inGap = g < gaps.size() && !gaps.get(g).start().isAfter(t);
            OnCall expected = naive.at(t);
            OnCall asked = FinalSchedule.onCallAt(schedule, t).orElse(null);
            if (!Objects.equals(expected, computed) || !Objects.equals(expected, asked) || inGap != (expected == null)) {
                fail("at %s (%s): reference %s, compute %s, onCallAt %s, in a gap %s%nschedule %s"
                        .formatted(t, wallClocks(schedule, t), expected, computed, asked, inGap, schedule));
            }
            if (t.isAfter(from) && !staff(expected).equals(staff(previous))) {
                changes.add(t);
            }
            previous = expected;
        }
        List<Instant> handoffs = FinalSchedule.next(schedule, from, 20).stream()
                .map(Handoff::at).filter(at -> at.isBefore(to)).toList();
        assertThat(handoffs).as("next(from, 20) within the range").isEqualTo(
                changes.subList(0, Math.min(20, changes.size())));
        return entries;
    }

    private static void assertWellFormed(List<Entry> entries, List<Gap> gaps, Instant from, Instant to) {
        Duration covered = Duration.ZERO;
        for (int i = 0; i < entries.size(); i++) {
            Entry entry = entries.get(i);
            assertThat(entry.start()).isBefore(entry.end()).isAfterOrEqualTo(from);
            assertThat(entry.end()).isBeforeOrEqualTo(to);
            assertOnTheMinute(entry.start());
            assertOnTheMinute(entry.end());
            if (i > 0) {
                Entry before = entries.get(i - 1);
                assertThat(entry.start()).isAfterOrEqualTo(before.end());
                boolean sameStretch = before.end().equals(entry.start()) && before.staffId().equals(entry.staffId())
                        && before.source().equals(entry.source());
                assertThat(sameStretch).as("not merged: %s then %s", before, entry).isFalse();
            }
            covered = covered.plus(entry.duration());
        }
        for (Gap gap : gaps) {
            assertThat(gap.start()).isBefore(gap.end());
            covered = covered.plus(gap.duration());
        }
        assertThat(covered).as("entries and gaps together").isEqualTo(Duration.between(from, to));
    }

    private static void assertOnTheMinute(Instant instant) {
        assertThat(instant.getEpochSecond() % 60 == 0 && instant.getNano() == 0).as("%s on the minute", instant).isTrue();
    }

    private static String staff(@Nullable OnCall onCall) {
        return onCall == null ? "" : onCall.staffId();
    }

    private static String wallClocks(Schedule schedule, Instant t) {
        StringBuilder clocks = new StringBuilder();
        for (Layer layer : schedule.layers()) {
            clocks.append(layer.name()).append(' ')
                    .append(LocalDateTime.ofInstant(t, Objects.requireNonNull(layer.zone()))).append(' ');
        }
        return clocks.toString().trim();
    }
}
