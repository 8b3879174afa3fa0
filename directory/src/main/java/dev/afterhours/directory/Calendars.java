package dev.afterhours.directory;

import dev.afterhours.businesstime.BusinessCalendars;
import dev.afterhours.businesstime.SupportHours;
import dev.afterhours.businesstime.definition.CalendarDefinition;
import dev.afterhours.businesstime.definition.CalendarDefinition.HolidayDefinition;
import dev.afterhours.businesstime.definition.CalendarDefinition.WindowDefinition;
import dev.afterhours.businesstime.definition.InvalidCalendarException;
import dev.afterhours.contracts.StaffMember;
import dev.afterhours.contracts.SupportCalendar;
import dev.afterhours.contracts.WeeklyWindow;
import dev.afterhours.contracts.WorkingWindow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Turns a client's {@link SupportCalendar} record into the arithmetic of {@link SupportHours}, through the
 * business-time engine ({@link BusinessCalendars#compile}), so that the directory, the classifier and the scheduler
 * agree on one definition of open, holidays (explicit dates and the public holidays of holidayCountry/holidayRegion)
 * included.
 */
public final class Calendars {

    private static final Pattern HOURS_PATH = Pattern.compile("calendar\\.hours\\.([A-Z]+)\\[(\\d+)\\](.*)");
    private static final Pattern HOLIDAY_PATH = Pattern.compile("calendar\\.holidays\\[(\\d+)\\](.*)");

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

    /**
     * A person's working hours ({@code StaffMember.workingHours}) as a calendar in their zone, on the same engine as
     * the clients' calendars; empty when they name none (the client's calendar then stands in).
     *
     * @throws InvalidDirectoryRecordException naming every bad field
     */
    public static Optional<SupportHours> workingHours(StaffMember staff) {
        if (staff.getWorkingHours().isEmpty()) {
            return Optional.empty();
        }
        List<String> problems = new ArrayList<>();
        SupportHours hours = workingHours(staff, problems);
        if (!problems.isEmpty() || hours == null) {
            throw new InvalidDirectoryRecordException(problems);
        }
        return Optional.of(hours);
    }

    static @Nullable SupportHours workingHours(StaffMember staff, List<String> problems) {
        List<WeeklyWindow> windows = new ArrayList<>();
        for (WorkingWindow window : staff.getWorkingHours()) {
            windows.add(new WeeklyWindow(window.getDay(), window.getFrom(), window.getTo()));
        }
        SupportCalendar calendar = SupportCalendar.newBuilder().setZone(staff.getZone()).setWindows(windows).build();
        List<String> found = new ArrayList<>();
        SupportHours hours = supportHours(calendar, "workingHours", found);
        // The windows are the record's workingHours[i] themselves; the zone is the person's.
        found.forEach(p -> problems.add(p.replace("workingHours.windows[", "workingHours[")
                .replace("workingHours.zone", "zone")));
        return hours;
    }

    static @Nullable SupportHours supportHours(SupportCalendar calendar, String path, List<String> problems) {
        // The record lists windows flat; the definition groups them per day. Remember where each came from so that
        // problems name the record's own fields (calendar.windows[3].to), not the definition's.
        Map<String, List<WindowDefinition>> hours = new HashMap<>();
        Map<String, List<Integer>> origin = new HashMap<>();
        List<WeeklyWindow> weekly = calendar.getWindows();
        for (int i = 0; i < weekly.size(); i++) {
            WeeklyWindow window = weekly.get(i);
            String day = window.getDay().name();
            hours.computeIfAbsent(day, d -> new ArrayList<>()).add(new WindowDefinition(window.getFrom(), window.getTo()));
            origin.computeIfAbsent(day, d -> new ArrayList<>()).add(i);
        }
        List<HolidayDefinition> holidays = new ArrayList<>();
        calendar.getHolidays().forEach(date -> holidays.add(new HolidayDefinition.Date(date)));
        int countryIndex = holidays.size();
        if (calendar.getHolidayCountry() != null) {
            holidays.add(new HolidayDefinition.Country(calendar.getHolidayCountry(), calendar.getHolidayRegion()));
        } else if (calendar.getHolidayRegion() != null) {
            problems.add(path + ".holidayRegion: needs holidayCountry");
        }
        try {
            return BusinessCalendars.compile(new CalendarDefinition(calendar.getZone(), hours, holidays, List.of()));
        } catch (InvalidCalendarException e) {
            e.problems().forEach(p -> problems.add(recordPath(p.field(), path, origin, countryIndex) + ": " + p.message()));
            return null;
        }
    }

    private static String recordPath(String field, String path, Map<String, List<Integer>> origin, int countryIndex) {
        Matcher hours = HOURS_PATH.matcher(field);
        if (hours.matches() && origin.containsKey(hours.group(1))) {
            return path + ".windows[" + origin.get(hours.group(1)).get(Integer.parseInt(hours.group(2))) + "]" + hours.group(3);
        }
        Matcher holiday = HOLIDAY_PATH.matcher(field);
        if (holiday.matches()) {
            int index = Integer.parseInt(holiday.group(1));
            if (index == countryIndex) {
                return path + (".region".equals(holiday.group(2)) ? ".holidayRegion" : ".holidayCountry");
            }
            return path + ".holidays[" + index + "]";
        }
        return path + field.substring("calendar".length());
    }
}
