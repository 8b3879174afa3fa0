package dev.afterhours.directory;

import dev.afterhours.businesstime.OpeningWindow;
import dev.afterhours.businesstime.SupportHours;
import dev.afterhours.contracts.SupportCalendar;
import dev.afterhours.contracts.WeeklyWindow;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Turns a client's {@link SupportCalendar} record into the arithmetic of {@link SupportHours}. */
public final class Calendars {

    private Calendars() {
    }

    /**
     * @throws InvalidDirectoryRecordException naming every bad field
     */
    public static SupportHours supportHours(SupportCalendar calendar) {
        List<String> problems = new ArrayList<>();
        SupportHours hours = supportHours(calendar, "calendar", problems);
        if (!problems.isEmpty() || hours == null) {
            throw new InvalidDirectoryRecordException(problems);
        }
        return hours;
    }

    static SupportHours supportHours(SupportCalendar calendar, String path, List<String> problems) {
        ZoneId zone = null;
        try {
            zone = ZoneId.of(calendar.getZone());
        } catch (DateTimeException | NullPointerException e) {
            problems.add(path + ".zone: unknown zone '" + calendar.getZone() + "'");
        }
        Map<DayOfWeek, List<OpeningWindow>> windows = new EnumMap<>(DayOfWeek.class);
        List<WeeklyWindow> weekly = calendar.getWindows();
        for (int i = 0; i < weekly.size(); i++) {
            WeeklyWindow window = weekly.get(i);
            try {
                windows.computeIfAbsent(DayOfWeek.valueOf(window.getDay().name()), d -> new ArrayList<>())
                        .add(OpeningWindow.parse(window.getFrom(), window.getTo()));
            } catch (IllegalArgumentException e) {
                problems.add(path + ".windows[" + i + "]." + e.getMessage());
            }
        }
        Set<LocalDate> holidays = new HashSet<>();
        List<String> dates = calendar.getHolidays();
        for (int i = 0; i < dates.size(); i++) {
            try {
                holidays.add(LocalDate.parse(dates.get(i)));
            } catch (DateTimeException e) {
                problems.add(path + ".holidays[" + i + "]: '" + dates.get(i) + "' is not a date as YYYY-MM-DD");
            }
        }
        if (zone == null || !problems.isEmpty()) {
            return null;
        }
        try {
            return new SupportHours(zone, windows, holidays);
        } catch (IllegalArgumentException e) {
            problems.add(path + "." + e.getMessage());
            return null;
        }
    }
}
