package dev.afterhours.businesstime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SupportHoursTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private static SupportHours weekdays(String from, String to, Set<LocalDate> holidays) {
        Map<DayOfWeek, List<OpeningWindow>> hours = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY)) {
            hours.put(day, List.of(OpeningWindow.parse(from, to)));
        }
        return new SupportHours(NEW_YORK, hours, holidays);
    }

    @Test
    void monday_evening_message_with_four_business_hours_is_due_tuesday_midday() {
        SupportHours hours = weekdays("09:00", "17:30", Set.of());
        // 2026-11-23 is a Monday; 22:14:05Z is 17:14:05 in New York (EST, -05:00).
        Instant received = Instant.parse("2026-11-23T22:14:05Z");
        assertThat(hours.status(received)).isEqualTo(OpeningStatus.IN_HOURS);
        // 15m55s left on Monday, 3h44m05s from Tuesday 09:00 -> 12:44:05 EST.
        assertThat(hours.dueAt(received, Duration.ofHours(4))).isEqualTo(Instant.parse("2026-11-24T17:44:05Z"));
    }

    @Test
    void a_target_used_up_exactly_at_closing_is_due_at_closing() {
        SupportHours hours = weekdays("09:00", "17:30", Set.of());
        Instant mondayNine = Instant.parse("2026-11-23T14:00:00Z");
        assertThat(hours.dueAt(mondayNine, Duration.ofMinutes(510))).isEqualTo(Instant.parse("2026-11-23T22:30:00Z"));
        assertThat(hours.dueAt(mondayNine, Duration.ZERO)).isEqualTo(mondayNine);
    }

    @Test
    void holidays_and_weekends_are_skipped_and_reported() {
        SupportHours hours = weekdays("09:00", "17:00", Set.of(LocalDate.parse("2026-12-25")));
        Instant christmasNoon = Instant.parse("2026-12-25T17:00:00Z");
        assertThat(hours.status(christmasNoon)).isEqualTo(OpeningStatus.HOLIDAY);
        assertThat(hours.status(Instant.parse("2026-12-26T17:00:00Z"))).isEqualTo(OpeningStatus.WEEKEND);
        assertThat(hours.status(Instant.parse("2026-12-24T23:00:00Z"))).isEqualTo(OpeningStatus.AFTER_HOURS);
        // Next opening after Christmas Day (Friday) is Monday 28th 09:00 EST.
        assertThat(hours.nextOpenAt(christmasNoon)).isEqualTo(Instant.parse("2026-12-28T14:00:00Z"));
    }

    @Test
    void a_window_over_the_repeated_hour_counts_it_twice() {
        Map<DayOfWeek, List<OpeningWindow>> hours = new EnumMap<>(DayOfWeek.class);
        hours.put(DayOfWeek.SUNDAY, List.of(OpeningWindow.parse("00:30", "02:30")));
        SupportHours night = new SupportHours(NEW_YORK, hours, Set.of());
        // 2026-11-01: clocks fall back from 02:00 EDT to 01:00 EST; 00:30-02:30 local lasts 3 real hours.
        Instant start = Instant.parse("2026-11-01T04:30:00Z");
        assertThat(night.dueAt(start, Duration.ofHours(3))).isEqualTo(Instant.parse("2026-11-01T07:30:00Z"));
    }

    @Test
    void a_calendar_without_open_time_is_an_error_not_a_hang() {
        SupportHours never = new SupportHours(NEW_YORK, Map.of(), Set.of());
        assertThatThrownBy(() -> never.dueAt(Instant.EPOCH, Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no open time");
    }

    @Test
    void overlapping_windows_are_rejected_with_the_day_named() {
        assertThatThrownBy(() -> new SupportHours(NEW_YORK,
                Map.of(DayOfWeek.MONDAY, List.of(OpeningWindow.parse("09:00", "12:00"), OpeningWindow.parse("11:00", "13:00"))),
                Set.of()))
                .hasMessageContaining("hours.MONDAY").hasMessageContaining("overlap");
    }
}
