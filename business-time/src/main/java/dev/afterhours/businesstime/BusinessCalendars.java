package dev.afterhours.businesstime;

import dev.afterhours.businesstime.definition.CalendarDefinition;
import dev.afterhours.businesstime.definition.CalendarDefinition.HolidayDefinition;
import dev.afterhours.businesstime.definition.InvalidCalendarException;
import dev.afterhours.businesstime.definition.InvalidCalendarException.Problem;
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

/** Compiles a {@link CalendarDefinition} into {@link SupportHours}, or rejects it naming every bad field. */
public final class BusinessCalendars {

    private BusinessCalendars() {
    }

    /**
     * @throws InvalidCalendarException with one problem per bad field, paths prefixed {@code calendar.}
     */
    public static SupportHours compile(CalendarDefinition definition) {
        List<Problem> problems = new ArrayList<>();
        ZoneId zone = null;
        if (definition.zone() == null || definition.zone().isBlank()) {
            problems.add(new Problem("calendar.zone", "missing"));
        } else {
            try {
                zone = ZoneId.of(definition.zone());
            } catch (DateTimeException e) {
                problems.add(new Problem("calendar.zone", "unknown zone '" + definition.zone() + "'"));
            }
        }
        Map<DayOfWeek, List<OpeningWindow>> windows = new EnumMap<>(DayOfWeek.class);
        definition.hours().forEach((dayName, list) -> {
            DayOfWeek day;
            try {
                day = DayOfWeek.valueOf(dayName);
            } catch (IllegalArgumentException e) {
                problems.add(new Problem("calendar.hours." + dayName, "not a day name (MONDAY ... SUNDAY)"));
                return;
            }
            for (int i = 0; i < list.size(); i++) {
                try {
                    windows.computeIfAbsent(day, d -> new ArrayList<>()).add(OpeningWindow.parse(list.get(i).from(), list.get(i).to()));
                } catch (IllegalArgumentException e) {
                    problems.add(new Problem("calendar.hours." + dayName + "[" + i + "]", e.getMessage()));
                }
            }
        });
        Set<LocalDate> holidays = new HashSet<>();
        for (int i = 0; i < definition.holidays().size(); i++) {
            switch (definition.holidays().get(i)) {
                case HolidayDefinition.Date date -> {
                    try {
                        holidays.add(LocalDate.parse(String.valueOf(date.date())));
                    } catch (DateTimeException e) {
                        problems.add(new Problem("calendar.holidays[" + i + "]", "'" + date.date() + "' is not a date as YYYY-MM-DD"));
                    }
                }
                case HolidayDefinition.Country country ->
                        problems.add(new Problem("calendar.holidays[" + i + "]", "country holidays are not supported yet"));
            }
        }
        if (!definition.closures().isEmpty()) {
            problems.add(new Problem("calendar.closures", "closures are not supported yet"));
        }
        if (!problems.isEmpty() || zone == null) {
            throw new InvalidCalendarException(problems);
        }
        try {
            return new SupportHours(zone, windows, holidays);
        } catch (IllegalArgumentException e) {
            throw new InvalidCalendarException("calendar." + e.getMessage().split(":", 2)[0].trim(),
                    e.getMessage().contains(":") ? e.getMessage().split(":", 2)[1].trim() : e.getMessage());
        }
    }
}
