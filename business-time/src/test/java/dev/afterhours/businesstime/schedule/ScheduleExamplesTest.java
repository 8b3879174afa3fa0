package dev.afterhours.businesstime.schedule;

import static java.time.DayOfWeek.FRIDAY;
import static java.time.DayOfWeek.MONDAY;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;

/** Worked out by hand: each expected instant is the local time at the offset in force, written out in UTC. */
class ScheduleExamplesTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ZoneId SYDNEY = ZoneId.of("Australia/Sydney");
    private static final ZoneId KATHMANDU = ZoneId.of("Asia/Kathmandu");
    private static final EnumSet<DayOfWeek> WEEKDAYS = EnumSet.range(MONDAY, FRIDAY);

    private static Instant at(String utc) {
        return Instant.parse(utc);
    }

    private static Source.OfLayer layer(int index, String name) {
        return new Source.OfLayer(index, name);
    }

    private static Layer weekly(String name, LocalDateTime start, String... members) {
        return new Layer(name, List.of(members), start, Period.ofWeeks(1));
    }

    @Test
    void aMondayNineOClockHandoffInBerlinStaysAtNineAfterTheChangeOf28March2027() {
        Schedule schedule = new Schedule("web", BERLIN,
                List.of(weekly("primary", LocalDateTime.parse("2027-03-01T09:00"), "ann", "bob")));

        assertThat(FinalSchedule.compute(schedule, at("2027-03-22T00:00:00Z"), at("2027-04-06T00:00:00Z")))
                .containsExactly(
                        new Entry(at("2027-03-22T00:00:00Z"), at("2027-03-22T08:00:00Z"), "ann", layer(0, "primary")),
                        new Entry(at("2027-03-22T08:00:00Z"), at("2027-03-29T07:00:00Z"), "bob", layer(0, "primary")),
                        new Entry(at("2027-03-29T07:00:00Z"), at("2027-04-05T07:00:00Z"), "ann", layer(0, "primary")),
                        new Entry(at("2027-04-05T07:00:00Z"), at("2027-04-06T00:00:00Z"), "bob", layer(0, "primary")));
        List<Handoff> next = FinalSchedule.next(schedule, at("2027-03-23T00:00:00Z"), 2);
        assertThat(next).extracting(Handoff::at)
                .containsExactly(at("2027-03-29T07:00:00Z"), at("2027-04-05T07:00:00Z"));
        assertThat(next.getFirst().at().atZone(BERLIN).toLocalDateTime())
                .isEqualTo(LocalDateTime.parse("2027-03-29T09:00"));
        assertThat(next.getFirst().before()).isEqualTo(new OnCall("bob", layer(0, "primary")));
        assertThat(next.getFirst().after()).isEqualTo(new OnCall("ann", layer(0, "primary")));
    }

    @Test
    void aNightsOnlyLayerOverABusinessHoursLayerTakesTheHoursTheyShare() {
        Layer business = weekly("business", LocalDateTime.parse("2026-10-05T08:00"), "ann")
                .restrictedTo(new Window(WEEKDAYS, LocalTime.of(8, 0), LocalTime.of(18, 0)));
        Layer nights = new Layer("nights", List.of("bob", "cat"), LocalDateTime.parse("2026-10-26T17:00"), 1)
                .restrictedTo(Window.of(WEEKDAYS, "17:00", "09:00"));
        Schedule schedule = new Schedule("web", NEW_YORK, List.of(business, nights));

        // Monday 26 October 2026 00:00 EDT (04:00Z) to Tuesday 12:00 EDT (16:00Z).
        assertThat(FinalSchedule.compute(schedule, at("2026-10-26T04:00:00Z"), at("2026-10-27T16:00:00Z")))
                .containsExactly(
                        new Entry(at("2026-10-26T12:00:00Z"), at("2026-10-26T21:00:00Z"), "ann", layer(0, "business")),
                        new Entry(at("2026-10-26T21:00:00Z"), at("2026-10-27T13:00:00Z"), "bob", layer(1, "nights")),
                        new Entry(at("2026-10-27T13:00:00Z"), at("2026-10-27T16:00:00Z"), "ann", layer(0, "business")));
        // Nobody before Monday 08:00: Sunday opens no night window.
        assertThat(CoverageGaps.find(schedule, at("2026-10-26T04:00:00Z"), at("2026-10-27T16:00:00Z")))
                .containsExactly(new Gap(at("2026-10-26T04:00:00Z"), at("2026-10-26T12:00:00Z")));
        // Tuesday night is cat's: the nights layer hands off daily at 17:00.
        assertThat(FinalSchedule.onCallAt(schedule, at("2026-10-28T02:00:00Z")))
                .contains(new OnCall("cat", layer(1, "nights")));
    }

    @Test
    void anOverrideForADentistAppointmentCoversOnlyThosePeopleAndHours() {
        Layer primary = weekly("primary", LocalDateTime.parse("2026-11-02T09:00"), "ann", "bob");
        // Bob's week is 9-16 November; the dentist is on Wednesday 11 November 14:00-16:00 CET (13:00Z-15:00Z).
        ScheduleOverride catForBob = new ScheduleOverride(at("2026-11-11T13:00:00Z"), at("2026-11-11T15:00:00Z"),
                "cat", "bob");
        Schedule schedule = new Schedule("web", BERLIN, List.of(primary)).withOverrides(catForBob);

        assertThat(FinalSchedule.compute(schedule, at("2026-11-11T00:00:00Z"), at("2026-11-12T00:00:00Z")))
                .containsExactly(
                        new Entry(at("2026-11-11T00:00:00Z"), at("2026-11-11T13:00:00Z"), "bob", layer(0, "primary")),
                        new Entry(at("2026-11-11T13:00:00Z"), at("2026-11-11T15:00:00Z"), "cat", new Source.OfOverride(0)),
                        new Entry(at("2026-11-11T15:00:00Z"), at("2026-11-12T00:00:00Z"), "bob", layer(0, "primary")));

        Schedule coveringAnn = schedule.withOverrides(new ScheduleOverride(catForBob.from(), catForBob.to(), "cat", "ann"));
        assertThat(FinalSchedule.compute(coveringAnn, at("2026-11-11T00:00:00Z"), at("2026-11-12T00:00:00Z")))
                .as("ann is not on call that week, so covering her changes nothing")
                .containsExactly(
                        new Entry(at("2026-11-11T00:00:00Z"), at("2026-11-12T00:00:00Z"), "bob", layer(0, "primary")));
    }

    @Test
    void aWeekdaysOnlyLayerLeavesTheWeekendsAsGapsAndTheNewYorkFallBackMakesOne49HoursLong() {
        Layer weekdays = weekly("weekdays", LocalDateTime.parse("2026-10-05T00:00"), "ann")
                .restrictedTo(Window.weekdays());
        Schedule schedule = new Schedule("web", NEW_YORK, List.of(weekdays));

        // Monday 26 October 00:00 EDT to Monday 9 November 00:00 EST; clocks go back on Sunday 1 November.
        List<Gap> gaps = CoverageGaps.find(schedule, at("2026-10-26T04:00:00Z"), at("2026-11-09T05:00:00Z"));

        assertThat(gaps).containsExactly(
                new Gap(at("2026-10-31T04:00:00Z"), at("2026-11-02T05:00:00Z")),
                new Gap(at("2026-11-07T05:00:00Z"), at("2026-11-09T05:00:00Z")));
        assertThat(gaps).extracting(gap -> gap.duration().toHours()).containsExactly(49L, 48L);
    }

    @Test
    void aHandoffInTheSpringForwardGapMovesLaterByTheGapAndOneInTheFallBackOverlapTakesTheEarlierOffset() {
        Layer gap = new Layer("early", List.of("ann", "bob"), LocalDateTime.parse("2027-03-10T02:30"), 1);
        Schedule spring = new Schedule("web", NEW_YORK, List.of(gap));
        // 13 March 02:30 EST; 14 March 02:30 does not exist, so 03:30 EDT; 15 March 02:30 EDT.
        assertThat(FinalSchedule.next(spring, at("2027-03-13T00:00:00Z"), 3)).extracting(Handoff::at).containsExactly(
                at("2027-03-13T07:30:00Z"), at("2027-03-14T07:30:00Z"), at("2027-03-15T06:30:00Z"));

        Layer overlap = new Layer("late", List.of("ann", "bob"), LocalDateTime.parse("2026-10-29T01:30"), 1);
        Schedule autumn = new Schedule("web", NEW_YORK, List.of(overlap));
        // 31 October 01:30 EDT; 1 November 01:30 happens twice, the first time (EDT) counts; 2 November 01:30 EST.
        assertThat(FinalSchedule.next(autumn, at("2026-10-31T00:00:00Z"), 3)).extracting(Handoff::at).containsExactly(
                at("2026-10-31T05:30:00Z"), at("2026-11-01T05:30:00Z"), at("2026-11-02T06:30:00Z"));
    }

    @Test
    void sydneyHandsOffAtNineLocalOnBothSidesOfItsOctoberAndAprilChanges() {
        Schedule schedule = new Schedule("web", SYDNEY,
                List.of(weekly("primary", LocalDateTime.parse("2026-09-28T09:00"), "ann", "bob")));
        // AEST (+10) until Sunday 4 October 2026, then AEDT (+11).
        assertThat(FinalSchedule.next(schedule, at("2026-09-27T00:00:00Z"), 2)).extracting(Handoff::at)
                .containsExactly(at("2026-09-27T23:00:00Z"), at("2026-10-04T22:00:00Z"));
        // AEDT until Sunday 4 April 2027, then AEST.
        assertThat(FinalSchedule.next(schedule, at("2027-03-28T00:00:00Z"), 2)).extracting(Handoff::at)
                .containsExactly(at("2027-03-28T22:00:00Z"), at("2027-04-04T23:00:00Z"));
    }

    @Test
    void kathmanduHandoffsAndRestrictionsKeepTheirFortyFiveMinutes() {
        Layer days = new Layer("days", List.of("ann", "bob"), LocalDateTime.parse("2026-12-01T09:00"), 1);
        Layer nights = new Layer("nights", List.of("cat"), LocalDateTime.parse("2026-12-01T00:00"), 7)
                .restrictedTo(Window.of(EnumSet.allOf(DayOfWeek.class), "18:00", "09:00"));
        Schedule schedule = new Schedule("web", KATHMANDU, List.of(days, nights));

        // 09:00 +05:45 is 03:15Z; 18:00 +05:45 is 12:15Z.
        assertThat(FinalSchedule.compute(schedule, at("2026-12-01T03:00:00Z"), at("2026-12-02T03:30:00Z")))
                .containsExactly(
                        new Entry(at("2026-12-01T03:00:00Z"), at("2026-12-01T03:15:00Z"), "cat", layer(1, "nights")),
                        new Entry(at("2026-12-01T03:15:00Z"), at("2026-12-01T12:15:00Z"), "ann", layer(0, "days")),
                        new Entry(at("2026-12-01T12:15:00Z"), at("2026-12-02T03:15:00Z"), "cat", layer(1, "nights")),
                        new Entry(at("2026-12-02T03:15:00Z"), at("2026-12-02T03:30:00Z"), "bob", layer(0, "days")));
        assertThat(FinalSchedule.onCallAt(schedule, at("2027-03-28T03:14:00Z"))).map(OnCall::staffId).contains("cat");
        // 117 days after the first handoff: bob's turn, from 03:15Z as in December.
        assertThat(FinalSchedule.onCallAt(schedule, at("2027-03-28T03:15:00Z"))).contains(new OnCall("bob", layer(0, "days")));
    }

    @Test
    void timeOffLetsTheLayerBelowShowThroughOrLeavesAGapAndAnOverrideStillWins() {
        Layer backup = weekly("backup", LocalDateTime.parse("2026-10-05T09:00"), "cat");
        Layer primary = new Layer("primary", List.of("ann", "bob"), LocalDateTime.parse("2026-10-05T09:00"), 1);
        // Tuesday 6 October is bob's day (09:00 EDT to 09:00 EDT the next day); he is away 12:00-15:00 EDT.
        TimeOff away = new TimeOff("bob", at("2026-10-06T16:00:00Z"), at("2026-10-06T19:00:00Z"));
        Instant from = at("2026-10-06T13:00:00Z");
        Instant to = at("2026-10-07T13:00:00Z");

        Schedule layered = new Schedule("web", NEW_YORK, List.of(backup, primary)).withTimeOff(away);
        assertThat(FinalSchedule.compute(layered, from, to)).containsExactly(
                new Entry(from, away.from(), "bob", layer(1, "primary")),
                new Entry(away.from(), away.to(), "cat", layer(0, "backup")),
                new Entry(away.to(), to, "bob", layer(1, "primary")));

        Schedule alone = new Schedule("web", NEW_YORK, List.of(primary)).withTimeOff(away);
        assertThat(CoverageGaps.find(alone, from, to)).containsExactly(new Gap(away.from(), away.to()));

        Schedule overridden = alone.withOverrides(new ScheduleOverride(away.from(), away.to(), "bob"));
        assertThat(FinalSchedule.onCallAt(overridden, at("2026-10-06T17:00:00Z")))
                .contains(new OnCall("bob", new Source.OfOverride(0)));
    }

    @Test
    void theFinalScheduleIsTheSameWhateverTheDefaultZoneOfTheMachine() {
        Schedule schedule = new Schedule("web", SYDNEY, List.of(
                new Layer("primary", List.of("ann", "bob"), LocalDateTime.parse("2026-09-28T02:30"), 1)
                        .restrictedTo(Window.of(WEEKDAYS, "18:00", "09:00"))));
        Instant from = at("2026-09-28T00:00:00Z");
        Instant to = at("2026-10-12T00:00:00Z");
        TimeZone machine = TimeZone.getDefault();
        try {
            TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
            List<Entry> inUtc = FinalSchedule.compute(schedule, from, to);
            TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Kiritimati"));
            assertThat(FinalSchedule.compute(schedule, from, to)).isNotEmpty().isEqualTo(inUtc);
        } finally {
            TimeZone.setDefault(machine);
        }
    }

    @Test
    void followTheSunHandsTheDayFromSydneyToBerlinToNewYork() {
        Window office = Window.of(EnumSet.allOf(DayOfWeek.class), "08:00", "16:00");
        Schedule schedule = new Schedule("sun", ZoneId.of("UTC"), List.of(
                weekly("sydney", LocalDateTime.parse("2026-11-30T08:00"), "sam").inZone(SYDNEY).restrictedTo(office),
                weekly("berlin", LocalDateTime.parse("2026-11-30T08:00"), "bea").inZone(BERLIN).restrictedTo(office),
                weekly("new-york", LocalDateTime.parse("2026-11-30T08:00"), "nat").inZone(NEW_YORK).restrictedTo(office)));

        // December: Sydney +11 (21:00Z-05:00Z), Berlin +1 (07:00Z-15:00Z), New York -5 (13:00Z-21:00Z, on top).
        assertThat(FinalSchedule.compute(schedule, at("2026-12-08T00:00:00Z"), at("2026-12-09T00:00:00Z")))
                .containsExactly(
                        new Entry(at("2026-12-08T00:00:00Z"), at("2026-12-08T05:00:00Z"), "sam", layer(0, "sydney")),
                        new Entry(at("2026-12-08T07:00:00Z"), at("2026-12-08T13:00:00Z"), "bea", layer(1, "berlin")),
                        new Entry(at("2026-12-08T13:00:00Z"), at("2026-12-08T21:00:00Z"), "nat", layer(2, "new-york")),
                        new Entry(at("2026-12-08T21:00:00Z"), at("2026-12-09T00:00:00Z"), "sam", layer(0, "sydney")));
        assertThat(CoverageGaps.find(schedule, at("2026-12-08T00:00:00Z"), at("2026-12-09T00:00:00Z")))
                .containsExactly(new Gap(at("2026-12-08T05:00:00Z"), at("2026-12-08T07:00:00Z")));
    }
}
