package dev.afterhours.businesstime.schedule;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** Every rejection names its field first, in the message and in {@link InvalidScheduleException#field()}. */
class ScheduleErrorsTest {

    private static final LocalDateTime START = LocalDateTime.parse("2026-10-05T09:00");
    private static final Instant T = Instant.parse("2026-10-05T09:00:00Z");
    private static final Layer LAYER = new Layer("primary", List.of("ann"), START, 7);
    private static final Schedule SCHEDULE = new Schedule("web", ZoneId.of("Europe/Berlin"), List.of(LAYER));

    private static AbstractThrowableAssert<?, ?> rejects(String field, ThrowingCallable call) {
        return assertThatThrownBy(call).isInstanceOf(InvalidScheduleException.class)
                .hasMessageStartingWith(field + ": ")
                .matches(e -> ((InvalidScheduleException) e).field().equals(field), "field is " + field);
    }

    @Test
    void layers() {
        rejects("layer.name", () -> new Layer(" ", List.of("ann"), START, 7));
        rejects("layer.members", () -> new Layer("primary", List.of(), START, 7)).hasMessageContaining("'primary'");
        rejects("layer.members[1]", () -> new Layer("primary", List.of("ann", ""), START, 7));
        rejects("layer.start", () -> new Layer("primary", List.of("ann"), null, 7));
        rejects("layer.rotation", () -> new Layer("primary", List.of("ann"), START, 0));
        rejects("layer.rotation", () -> new Layer("primary", List.of("ann"), START, Period.ofMonths(1)))
                .hasMessageContaining("P1M");
    }

    @Test
    void windows() {
        rejects("window.days", () -> new Window(Set.of(), LocalTime.NOON, LocalTime.MIDNIGHT));
        rejects("window.from", () -> Window.of(EnumSet.of(DayOfWeek.MONDAY), "9:00", "17:00")).hasMessageContaining("'9:00'");
        rejects("window.to", () -> Window.of(EnumSet.of(DayOfWeek.MONDAY), "09:00", "25:00"));
        rejects("window.to", () -> new Window(EnumSet.of(DayOfWeek.MONDAY), LocalTime.NOON, null));
    }

    @Test
    void schedules() {
        rejects("schedule.id", () -> new Schedule("", ZoneId.of("UTC"), List.of(LAYER)));
        rejects("schedule.zone", () -> new Schedule("web", null, List.of(LAYER)));
        rejects("schedule.layers", () -> new Schedule("web", ZoneId.of("UTC"), List.of()));
        rejects("schedule.layers[1].name", () -> new Schedule("web", ZoneId.of("UTC"), List.of(LAYER, LAYER)));
    }

    @Test
    void overridesAndTimeOff() {
        rejects("override.to", () -> new ScheduleOverride(T, T, "ann"));
        rejects("override.staffId", () -> new ScheduleOverride(T, T.plusSeconds(60), " "));
        rejects("override.covered", () -> new ScheduleOverride(T, T.plusSeconds(60), "ann", ""));
        rejects("timeOff.to", () -> new TimeOff("ann", T, T.minusSeconds(60)));
        rejects("timeOff.staffId", () -> new TimeOff(null, T, T.plusSeconds(60)));
    }

    @Test
    void questions() {
        rejects("to", () -> FinalSchedule.compute(SCHEDULE, T, T.minusSeconds(1)));
        rejects("to", () -> CoverageGaps.find(SCHEDULE, T, T.plus(FinalSchedule.HORIZON).plusSeconds(1)))
                .hasMessageContaining("732 days");
        rejects("count", () -> FinalSchedule.next(SCHEDULE, T, 0));
    }
}
