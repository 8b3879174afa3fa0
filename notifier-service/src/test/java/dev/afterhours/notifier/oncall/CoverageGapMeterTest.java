package dev.afterhours.notifier.oncall;

import static org.assertj.core.api.Assertions.assertThat;

import dev.afterhours.contracts.DayOfWeek;
import dev.afterhours.contracts.RestrictionWindow;
import dev.afterhours.contracts.Rotation;
import dev.afterhours.contracts.RotationLayer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CoverageGapMeterTest {

    /** Monday 2026-03-02 00:00 UTC: the next 7 days are one whole week. */
    private static final Instant MONDAY = Instant.parse("2026-03-02T00:00:00Z");

    @Test
    void aWeekdaysOnlyScheduleHasTheWeekendAndTheNightsAsItsGap() {
        Rotation weekdays = Rotation.newBuilder().setRotationId("days").setName("Days").setZone("UTC")
                .setLayers(List.of(RotationLayer.newBuilder().setName("days").setMembers(List.of("ann", "bob"))
                        .setStart("2026-01-05T09:00").setRotationDays(7)
                        .setRestrictions(List.of(new RestrictionWindow(List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY,
                                DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY), "09:00", "17:00"))).build()))
                .build();

        // 5 days of 8 hours covered out of 7 x 24.
        assertThat(CoverageGapMeter.gapSeconds(weekdays, MONDAY))
                .isEqualTo(Duration.ofDays(7).minusHours(5 * 8).toSeconds());
    }

    @Test
    void aSimpleRotationWithMembersHasNoGapAndOneWithoutIsAllGap() {
        Rotation simple = Rotation.newBuilder().setRotationId("r").setName("R").setMembers(List.of("ann"))
                .setStartsAt(MONDAY).setShiftLength("P7D").build();
        assertThat(CoverageGapMeter.gapSeconds(simple, MONDAY)).isZero();
        assertThat(CoverageGapMeter.gapSeconds(Rotation.newBuilder(simple).setMembers(List.of()).build(), MONDAY))
                .isEqualTo(CoverageGapMeter.AHEAD.toSeconds());
    }
}
