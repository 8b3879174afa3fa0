package dev.afterhours.businesstime;

import dev.afterhours.businesstime.definition.CalendarDefinition;
import dev.afterhours.businesstime.definition.CalendarDefinition.ClosureDefinition;
import dev.afterhours.businesstime.definition.CalendarDefinition.HolidayDefinition;
import dev.afterhours.businesstime.definition.CalendarDefinition.WindowDefinition;
import dev.afterhours.businesstime.definition.InvalidCalendarException;
import dev.afterhours.businesstime.definition.InvalidCalendarException.Problem;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Compiles a {@link CalendarDefinition} into {@link SupportHours}, or rejects it naming every bad field. */
public final class BusinessCalendars {

    private static final Pattern HH_MM = Pattern.compile("([01]\\d|2[0-3]):[0-5]\\d");
    private static final Pattern WITH_SECONDS = Pattern.compile("([01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d(\\.\\d+)?");

    private BusinessCalendars() {
    }

    /**
     * @throws InvalidCalendarException with one problem per bad field, paths prefixed {@code calendar.}
     */
    public static SupportHours compile(CalendarDefinition definition) {
        List<Problem> problems = new ArrayList<>();
        ZoneId zone = zone(definition.zone(), problems);
        Map<DayOfWeek, List<OpeningWindow>> windows = windows(definition.hours(), problems);
        Set<LocalDate> dates = new HashSet<>();
        List<PublicHolidays.Key> countries = new ArrayList<>();
        holidays(definition.holidays(), dates, countries, problems);
        List<SupportHours.Closure> closures = closures(definition.closures(), problems);
        if (!problems.isEmpty() || zone == null) {
            throw new InvalidCalendarException(problems);
        }
        return new SupportHours(zone, windows, dates, countries, closures);
    }

    private static @Nullable ZoneId zone(@Nullable String zone, List<Problem> problems) {
        if (zone == null || zone.isBlank()) {
            problems.add(new Problem("calendar.zone", "missing: an IANA zone such as America/New_York"));
            return null;
        }
        try {
            return ZoneId.of(zone);
        } catch (DateTimeException e) {
            problems.add(new Problem("calendar.zone", "unknown zone '" + zone + "'"));
            return null;
        }
    }

    private static Map<DayOfWeek, List<OpeningWindow>> windows(Map<String, List<WindowDefinition>> hours,
                                                               List<Problem> problems) {
        Map<DayOfWeek, List<OpeningWindow>> windows = new EnumMap<>(DayOfWeek.class);
        // Sorted, so that problems come in a stable order.
        new TreeMap<>(hours).forEach((dayName, list) -> {
            String dayPath = "calendar.hours." + dayName;
            DayOfWeek day;
            try {
                day = DayOfWeek.valueOf(dayName);
            } catch (IllegalArgumentException e) {
                problems.add(new Problem(dayPath, "not a day name (MONDAY ... SUNDAY)"));
                return;
            }
            if (list == null) {
                problems.add(new Problem(dayPath, "missing: a list of windows (may be empty)"));
                return;
            }
            List<OpeningWindow> parsed = new ArrayList<>();
            List<Integer> indexes = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                String path = dayPath + "[" + i + "]";
                WindowDefinition definition = list.get(i);
                if (definition == null) {
                    problems.add(new Problem(path, "missing: a window {\"from\": \"HH:mm\", \"to\": \"HH:mm\"}"));
                    continue;
                }
                LocalTime from = time(definition.from(), path + ".from", false, problems);
                LocalTime to = time(definition.to(), path + ".to", true, problems);
                if (from == null || to == null) {
                    continue;
                }
                boolean midnight = "24:00".equals(definition.to());
                if (!midnight && !from.isBefore(to)) {
                    problems.add(new Problem(path + ".to", "must be after from (" + definition.from() + "-"
                            + definition.to() + "); to cover midnight use two windows, one each side of it"));
                    continue;
                }
                OpeningWindow window = new OpeningWindow(from, to, midnight);
                for (int j = 0; j < parsed.size(); j++) {
                    if (parsed.get(j).overlaps(window)) {
                        problems.add(new Problem(path, "window " + window + " overlaps " + dayName + "["
                                + indexes.get(j) + "] " + parsed.get(j)));
                    }
                }
                parsed.add(window);
                indexes.add(i);
            }
            windows.put(day, parsed);
        });
        return windows;
    }

    private static @Nullable LocalTime time(@Nullable String value, String path, boolean endOfDayAllowed,
                                            List<Problem> problems) {
        if (value == null) {
            problems.add(new Problem(path, "missing: a time of day as HH:mm"));
            return null;
        }
        if (endOfDayAllowed && "24:00".equals(value)) {
            return LocalTime.MIDNIGHT;
        }
        if (HH_MM.matcher(value).matches()) {
            return LocalTime.parse(value);
        }
        if (WITH_SECONDS.matcher(value).matches() && !value.substring(5).matches(":0+(\\.0+)?")) {
            problems.add(new Problem(path, "'" + value + "' is not on the minute: use HH:mm"));
        } else {
            problems.add(new Problem(path, "'" + value + "' is not a time of day as HH:mm"
                    + (endOfDayAllowed ? " (or 24:00)" : "")));
        }
        return null;
    }

    private static void holidays(List<HolidayDefinition> holidays, Set<LocalDate> dates,
                                 List<PublicHolidays.Key> countries, List<Problem> problems) {
        for (int i = 0; i < holidays.size(); i++) {
            String path = "calendar.holidays[" + i + "]";
            switch (holidays.get(i)) {
                case null -> problems.add(new Problem(path, "missing: a date YYYY-MM-DD or {\"country\": ..., \"region\": ...}"));
                case HolidayDefinition.Date date -> {
                    try {
                        dates.add(LocalDate.parse(String.valueOf(date.date())));
                    } catch (DateTimeException e) {
                        problems.add(new Problem(path, "'" + date.date() + "' is not a date as YYYY-MM-DD"));
                    }
                }
                case HolidayDefinition.Country country -> {
                    PublicHolidays.Key key = country(country, path, problems);
                    if (key != null) {
                        countries.add(key);
                    }
                }
            }
        }
    }

    private static PublicHolidays.@Nullable Key country(HolidayDefinition.Country definition, String path,
                                                        List<Problem> problems) {
        String country = definition.country();
        if (country == null || country.isBlank()) {
            problems.add(new Problem(path + ".country", "missing: an ISO 3166 country code such as US"));
            return null;
        }
        if (!country.matches("[A-Za-z]{2}") || !PublicHolidays.isSupportedCountry(country)) {
            problems.add(new Problem(path + ".country", "unknown holiday country '" + country + "'"));
            return null;
        }
        String code = country.toLowerCase(Locale.ROOT);
        String region = definition.region();
        if (region == null || region.isBlank()) {
            return new PublicHolidays.Key(code, null);
        }
        String regionCode = region.toLowerCase(Locale.ROOT);
        Set<String> known = PublicHolidays.regions(code);
        if (!known.contains(regionCode)) {
            problems.add(new Problem(path + ".region", "unknown region '" + region + "' of " + country.toUpperCase(Locale.ROOT)
                    + (known.isEmpty() ? " (it has no regions)" : " (known: " + String.join(", ", new java.util.TreeSet<>(known)) + ")")));
            return null;
        }
        return new PublicHolidays.Key(code, regionCode);
    }

    private static List<SupportHours.Closure> closures(List<ClosureDefinition> closures, List<Problem> problems) {
        List<SupportHours.Closure> result = new ArrayList<>();
        for (int i = 0; i < closures.size(); i++) {
            String path = "calendar.closures[" + i + "]";
            ClosureDefinition closure = closures.get(i);
            if (closure == null) {
                problems.add(new Problem(path, "missing: {\"from\": \"yyyy-MM-ddTHH:mm\", \"to\": \"yyyy-MM-ddTHH:mm\"}"));
                continue;
            }
            LocalDateTime from = dateTime(closure.from(), path + ".from", problems);
            LocalDateTime to = dateTime(closure.to(), path + ".to", problems);
            if (from == null || to == null) {
                continue;
            }
            if (!from.isBefore(to)) {
                problems.add(new Problem(path + ".to", "must be after from (" + closure.from() + ")"));
                continue;
            }
            result.add(new SupportHours.Closure(from, to));
        }
        return result;
    }

    private static @Nullable LocalDateTime dateTime(@Nullable String value, String path, List<Problem> problems) {
        if (value == null) {
            problems.add(new Problem(path, "missing: a local date-time as yyyy-MM-ddTHH:mm"));
            return null;
        }
        LocalDateTime parsed;
        try {
            parsed = LocalDateTime.parse(value);
        } catch (DateTimeException e) {
            problems.add(new Problem(path, "'" + value + "' is not a local date-time as yyyy-MM-ddTHH:mm"));
            return null;
        }
        if (parsed.getSecond() != 0 || parsed.getNano() != 0) {
            problems.add(new Problem(path, "'" + value + "' is not on the minute: use yyyy-MM-ddTHH:mm"));
            return null;
        }
        return parsed;
    }
}
