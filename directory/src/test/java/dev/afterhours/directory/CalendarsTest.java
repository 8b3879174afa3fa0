package dev.afterhours.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.afterhours.businesstime.OpeningStatus;
import dev.afterhours.businesstime.SupportHours;
import dev.afterhours.contracts.DayOfWeek;
import dev.afterhours.contracts.SupportCalendar;
import dev.afterhours.contracts.WeeklyWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CalendarsTest {

    private static SupportCalendar calendar(String zone, List<WeeklyWindow> windows, List<String> holidays,
                                            String country, String region) {
        return SupportCalendar.newBuilder().setZone(zone).setWindows(windows).setHolidays(holidays)
                .setHolidayCountry(country).setHolidayRegion(region).build();
    }

    private static WeeklyWindow window(DayOfWeek day, String from, String to) {
        return WeeklyWindow.newBuilder().setDay(day).setFrom(from).setTo(to).build();
    }

    @Test
    void holiday_country_and_region_are_honoured() {
        List<WeeklyWindow> weekdays = List.of(window(DayOfWeek.MONDAY, "09:00", "17:30"), window(DayOfWeek.TUESDAY, "09:00", "17:30"),
                window(DayOfWeek.WEDNESDAY, "09:00", "17:30"), window(DayOfWeek.THURSDAY, "09:00", "17:30"),
                window(DayOfWeek.FRIDAY, "09:00", "17:30"));
        SupportHours us = Calendars.supportHours(calendar("America/New_York", weekdays, List.of(), "US", "ny"));
        // Thanksgiving 2026 and Columbus Day (a New York holiday).
        assertThat(us.status(Instant.parse("2026-11-26T15:00:00Z"))).isEqualTo(OpeningStatus.HOLIDAY);
        assertThat(us.status(Instant.parse("2026-10-12T15:00:00Z"))).isEqualTo(OpeningStatus.HOLIDAY);
        assertThat(us.dueAt(Instant.parse("2026-11-25T22:00:00Z"), Duration.ofHours(1))).isEqualTo(Instant.parse("2026-11-27T14:30:00Z"));
        SupportHours none = Calendars.supportHours(calendar("America/New_York", weekdays, List.of(), null, null));
        assertThat(none.status(Instant.parse("2026-11-26T15:00:00Z"))).isEqualTo(OpeningStatus.IN_HOURS);
    }

    @Test
    void problems_name_the_record_fields() {
        SupportCalendar bad = calendar("Mars/Olympus", List.of(window(DayOfWeek.MONDAY, "09:00", "12:00"),
                window(DayOfWeek.TUESDAY, "09:00", "17:00"), window(DayOfWeek.MONDAY, "11:00", "09:00:30")),
                List.of("2026-12-25", "someday"), "XX", null);
        assertThatThrownBy(() -> Calendars.supportHours(bad))
                .isInstanceOf(InvalidDirectoryRecordException.class)
                .hasMessageContaining("calendar.zone: unknown zone 'Mars/Olympus'")
                .hasMessageContaining("calendar.windows[2].to: '09:00:30' is not on the minute")
                .hasMessageContaining("calendar.holidays[1]: 'someday' is not a date")
                .hasMessageContaining("calendar.holidayCountry: unknown holiday country 'XX'");
        assertThatThrownBy(() -> Calendars.supportHours(calendar("UTC", List.of(), List.of(), "DE", "atlantis")))
                .hasMessageContaining("calendar.holidayRegion: unknown region 'atlantis' of DE");
    }
}
