package dev.afterhours.scheduler.sla;

import static dev.afterhours.scheduler.Fixtures.acmeShop;
import static dev.afterhours.scheduler.Fixtures.client;
import static dev.afterhours.scheduler.Fixtures.inbound;
import static dev.afterhours.scheduler.Fixtures.target;
import static org.assertj.core.api.Assertions.assertThat;

import dev.afterhours.contracts.AfterHoursStatus;
import dev.afterhours.contracts.ClientProfile;
import dev.afterhours.contracts.DayOfWeek;
import dev.afterhours.contracts.SlaClock;
import dev.afterhours.contracts.SupportCalendar;
import dev.afterhours.contracts.Urgency;
import dev.afterhours.contracts.WeeklyWindow;
import dev.afterhours.scheduler.Fixtures;
import dev.afterhours.scheduler.SchedulerProperties;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SlaPlannerTest {

    private final SlaPlanner planner = new SlaPlanner(SchedulerProperties.BUILT_IN_DEFAULT_TARGETS, 75);

    private static ClientProfile bergmann() {
        List<WeeklyWindow> windows = new java.util.ArrayList<>();
        for (DayOfWeek day : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY)) {
            windows.add(new WeeklyWindow(day, "08:30", "12:00"));
            windows.add(new WeeklyWindow(day, "13:00", "17:00"));
        }
        windows.add(new WeeklyWindow(DayOfWeek.FRIDAY, "08:30", "14:00"));
        return client("bergmann-gmbh", "Bergmann GmbH",
                SupportCalendar.newBuilder().setZone("Europe/Berlin").setWindows(windows)
                        .setHolidays(List.of("2026-12-24", "2026-12-25", "2026-12-26")).build(), 75,
                target(Urgency.EMERGENCY, "PT30M", SlaClock.CALENDAR),
                target(Urgency.NORMAL, "PT8H", SlaClock.BUSINESS));
    }

    @Test
    void businessClockCountsOnlyOpenHours() {
        Instant received = Instant.parse("2026-11-23T22:14:05Z");
        SlaPlan plan = planner.plan(inbound("acme-shop", "m", "c", Urgency.NORMAL, AfterHoursStatus.IN_HOURS, received),
                Optional.of(acmeShop()));

        assertThat(plan.clock()).isEqualTo(SlaClock.BUSINESS);
        assertThat(plan.target()).isEqualTo(Duration.ofHours(4));
        assertThat(plan.receivedAt()).isEqualTo(received);
        assertThat(plan.dueAt()).isEqualTo(Instant.parse("2026-11-24T17:44:05Z"));
        assertThat(plan.warnAt()).isEqualTo(Instant.parse("2026-11-24T16:44:05Z"));
        assertThat(plan.deferredUntil()).isNull();
        assertThat(plan.zone()).isEqualTo(ZoneId.of("America/New_York"));
        assertThat(plan.fallbackReason()).isNull();
    }

    @Test
    void businessClockSkipsTheLunchBreak() {
        // Monday 11:00 in Berlin: 1h before lunch, 4h after, then 3h on Tuesday from 08:30 -> 11:30 (10:30Z).
        SlaPlan plan = planner.plan(inbound("bergmann-gmbh", "m", "c", Urgency.NORMAL, AfterHoursStatus.IN_HOURS,
                Instant.parse("2026-11-23T10:00:00Z")), Optional.of(bergmann()));

        assertThat(plan.dueAt()).isEqualTo(Instant.parse("2026-11-24T10:30:00Z"));
        // 6h: 1h + 4h on Monday, 1h on Tuesday -> 09:30 (08:30Z).
        assertThat(plan.warnAt()).isEqualTo(Instant.parse("2026-11-24T08:30:00Z"));
    }

    @Test
    void christmasDefersToTheMondayAfter() {
        // Wednesday 23 December 18:00 in Berlin; 24-26 are holidays, 27 a Sunday: open again Monday 28 at 08:30.
        SlaPlan plan = planner.plan(inbound("bergmann-gmbh", "m", "c", Urgency.NORMAL, AfterHoursStatus.AFTER_HOURS,
                Instant.parse("2026-12-23T17:00:00Z")), Optional.of(bergmann()));

        assertThat(plan.deferredUntil()).isEqualTo(Instant.parse("2026-12-28T07:30:00Z"));
        // 08:30-12:00 (3h30) + 13:00-17:00 (4h) + 30 minutes on Tuesday -> 09:00 (08:00Z).
        assertThat(plan.dueAt()).isEqualTo(Instant.parse("2026-12-29T08:00:00Z"));
    }

    @Test
    void emergencyIsNeverDeferred() {
        SlaPlan plan = planner.plan(inbound("bergmann-gmbh", "m", "c", Urgency.EMERGENCY, AfterHoursStatus.WEEKEND,
                Instant.parse("2026-11-28T20:00:00Z")), Optional.of(bergmann()));

        assertThat(plan.clock()).isEqualTo(SlaClock.CALENDAR);
        assertThat(plan.dueAt()).isEqualTo(Instant.parse("2026-11-28T20:30:00Z"));
        assertThat(plan.deferredUntil()).isNull();
    }

    @Test
    void aCalendarWithoutOpenTimeFallsBackToTheDefaultsAndDefersNothing() {
        ClientProfile closed = client("closed", "Closed Ltd", SupportCalendar.newBuilder().setZone("UTC").build(), 75,
                target(Urgency.NORMAL, "PT4H", SlaClock.BUSINESS));
        Instant received = Instant.parse("2026-11-24T15:00:00Z");

        SlaPlan plan = planner.plan(inbound("closed", "m", "c", Urgency.NORMAL, AfterHoursStatus.AFTER_HOURS, received),
                Optional.of(closed));

        assertThat(plan.fallbackReason()).isEqualTo(SlaPlanner.INVALID_CALENDAR);
        assertThat(plan.clock()).isEqualTo(SlaClock.CALENDAR);
        assertThat(plan.dueAt()).isEqualTo(received.plus(Duration.ofHours(8)));
        assertThat(plan.deferredUntil()).isNull();
    }

    @Test
    void anUnreadableTargetFallsBackToTheDefault() {
        ClientProfile odd = client("odd", "Odd Inc", acmeShop().getCalendar(), 75,
                target(Urgency.HIGH, "two hours", SlaClock.BUSINESS));
        Instant received = Instant.parse("2026-11-24T15:00:00Z");

        SlaPlan plan = planner.plan(inbound("odd", "m", "c", Urgency.HIGH, AfterHoursStatus.IN_HOURS, received),
                Optional.of(odd));

        assertThat(plan.fallbackReason()).isEqualTo(SlaPlanner.INVALID_TARGET);
        assertThat(plan.dueAt()).isEqualTo(received.plus(Duration.ofHours(2)));
    }

    @Test
    void noWarningWhenThePolicyAsksForNone() {
        ClientProfile quiet = client("quiet", "Quiet Co", acmeShop().getCalendar(), 0,
                target(Urgency.NORMAL, "PT4H", SlaClock.CALENDAR));

        SlaPlan plan = planner.plan(inbound("quiet", "m", "c", Urgency.NORMAL, AfterHoursStatus.IN_HOURS,
                Instant.parse("2026-11-24T15:00:00Z")), Optional.of(quiet));

        assertThat(plan.warnAt()).isNull();
        assertThat(plan.dueAt()).isEqualTo(Instant.parse("2026-11-24T19:00:00Z"));
    }

    @Test
    void aTargetBeyondTheRangeOfInstantsFallsBackToTheDefaultInsteadOfThrowing() {
        // receivedAt + PT2562047788015215H is after Instant.MAX: Instant.plus throws DateTimeException.
        Instant received = Instant.parse("2026-11-24T15:00:00Z");
        for (SlaClock clock : SlaClock.values()) {
            for (String huge : List.of("PT2562047788015215H", "P999999999D", "P367D")) {
                ClientProfile client = Fixtures.allDayClient("huge", 75, target(Urgency.EMERGENCY, huge, clock));

                SlaPlan plan = planner.plan(inbound("huge", "m", "c", Urgency.EMERGENCY, AfterHoursStatus.IN_HOURS,
                        received), Optional.of(client));

                assertThat(plan.fallbackReason()).as(huge + " " + clock).isEqualTo(SlaPlanner.INVALID_TARGET);
                assertThat(plan.clock()).isEqualTo(SlaClock.CALENDAR);
                assertThat(plan.target()).isEqualTo(Duration.ofMinutes(15));
                assertThat(plan.dueAt()).isEqualTo(received.plus(Duration.ofMinutes(15)));
            }
        }
    }

    @Test
    void aDueTimeBeyondWhatTheTimersCanHoldIsCappedNotThrown() {
        // An hour before the end of epoch-millisecond time: + 8h is an Instant, but not one the timer keys and the
        // Avro timestamps can hold.
        Instant received = SlaPlanner.LATEST.minus(Duration.ofHours(1));

        SlaPlan unknown = planner.plan(inbound("gone", "m", "c", Urgency.NORMAL, AfterHoursStatus.IN_HOURS, received),
                Optional.empty());
        SlaPlan known = planner.plan(inbound("late", "m", "c", Urgency.NORMAL, AfterHoursStatus.IN_HOURS, received),
                Optional.of(Fixtures.allDayClient("late", 75, target(Urgency.NORMAL, "P366D", SlaClock.CALENDAR))));

        assertThat(unknown.fallbackReason()).isEqualTo(SlaPlanner.UNCOMPUTABLE_TARGET);
        assertThat(unknown.dueAt()).isEqualTo(SlaPlanner.LATEST);
        assertThat(known.fallbackReason()).isNotNull();
        assertThat(known.target()).isEqualTo(Duration.ofHours(8));
        assertThat(known.dueAt()).isEqualTo(SlaPlanner.LATEST);
    }

    @org.junit.jupiter.api.Test
    void theNextMomentBothCalendarsAreOpenAlternatesUntilTheyOverlap() {
        java.time.ZoneId utc = java.time.ZoneId.of("UTC");
        dev.afterhours.businesstime.SupportHours client = new dev.afterhours.businesstime.SupportHours(utc, java.util.Map.of(
                java.time.DayOfWeek.MONDAY, java.util.List.of(dev.afterhours.businesstime.OpeningWindow.parse("09:00", "12:00")),
                java.time.DayOfWeek.TUESDAY, java.util.List.of(dev.afterhours.businesstime.OpeningWindow.parse("09:00", "17:00"))),
                java.util.Set.of());
        dev.afterhours.businesstime.SupportHours person = new dev.afterhours.businesstime.SupportHours(utc, java.util.Map.of(
                java.time.DayOfWeek.MONDAY, java.util.List.of(dev.afterhours.businesstime.OpeningWindow.parse("13:00", "18:00")),
                java.time.DayOfWeek.TUESDAY, java.util.List.of(dev.afterhours.businesstime.OpeningWindow.parse("11:30", "18:00"))),
                java.util.Set.of());
        // Saturday 2026-12-05: Monday never overlaps (09-12 against 13-18); Tuesday from 11:30.
        java.time.Instant saturday = java.time.Instant.parse("2026-12-05T10:00:00Z");
        assertThat(SlaPlanner.nextOpenInBoth(client, person, saturday)).isEqualTo(java.time.Instant.parse("2026-12-08T11:30:00Z"));
        assertThat(SlaPlanner.nextOpenInBoth(client, client, saturday)).as("the same calendar: its own opening")
                .isEqualTo(java.time.Instant.parse("2026-12-07T09:00:00Z"));
        dev.afterhours.businesstime.SupportHours never = new dev.afterhours.businesstime.SupportHours(utc, java.util.Map.of(
                java.time.DayOfWeek.SUNDAY, java.util.List.of(dev.afterhours.businesstime.OpeningWindow.parse("09:00", "17:00"))),
                java.util.Set.of());
        assertThat(SlaPlanner.nextOpenInBoth(client, never, saturday)).as("never both open: the client's opening")
                .isEqualTo(java.time.Instant.parse("2026-12-07T09:00:00Z"));
    }
}
