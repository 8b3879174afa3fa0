package dev.afterhours.businesstime;

import dev.afterhours.businesstime.definition.CalendarDefinition;
import dev.afterhours.businesstime.definition.CalendarDefinition.ClosureDefinition;
import dev.afterhours.businesstime.definition.CalendarDefinition.HolidayDefinition;
import dev.afterhours.businesstime.definition.CalendarDefinition.WindowDefinition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Terse calendar definitions for hand-written tests: {@code on("MONDAY", "09:00-12:00", "13:00-17:00")}. */
final class CalendarFixtures {

    static final List<String> WEEKDAYS = List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY");

    private final String zone;
    private final Map<String, List<WindowDefinition>> hours = new HashMap<>();
    private final List<HolidayDefinition> holidays = new ArrayList<>();
    private final List<ClosureDefinition> closures = new ArrayList<>();

    private CalendarFixtures(String zone) {
        this.zone = zone;
    }

    static CalendarFixtures in(String zone) {
        return new CalendarFixtures(zone);
    }

    CalendarFixtures on(String day, String... windows) {
        List<WindowDefinition> list = hours.computeIfAbsent(day, d -> new ArrayList<>());
        for (String window : windows) {
            String[] edges = window.split("-", 2);
            list.add(new WindowDefinition(edges[0], edges[1]));
        }
        return this;
    }

    CalendarFixtures weekdays(String... windows) {
        WEEKDAYS.forEach(day -> on(day, windows));
        return this;
    }

    CalendarFixtures holiday(String date) {
        holidays.add(new HolidayDefinition.Date(date));
        return this;
    }

    CalendarFixtures country(String country, String region) {
        holidays.add(new HolidayDefinition.Country(country, region));
        return this;
    }

    CalendarFixtures closed(String from, String to) {
        closures.add(new ClosureDefinition(from, to));
        return this;
    }

    CalendarDefinition definition() {
        return new CalendarDefinition(zone, hours, holidays, closures);
    }

    SupportHours compile() {
        return BusinessCalendars.compile(definition());
    }
}
