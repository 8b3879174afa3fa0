package dev.afterhours.businesstime.definition;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A support calendar as people write it (admin API JSON, directory records), before validation:
 * {@code {"zone": "America/New_York", "hours": {"MONDAY": [{"from": "09:00", "to": "17:30"}]},
 * "holidays": ["2026-12-25", {"country": "US", "region": "ny"}], "closures": [{"from": "2026-12-31T12:00", "to": "2027-01-02T00:00"}]}}.
 * {@link dev.afterhours.businesstime.BusinessCalendars#compile(CalendarDefinition)} turns it into arithmetic or
 * rejects it with every problem named by its path.
 *
 * @param zone     IANA zone id
 * @param hours    day name (the seven java.time.DayOfWeek names) to its windows; a missing day is closed
 * @param holidays explicit local dates and/or public holidays of a country (and optional region)
 * @param closures one-off closures, local date-time ranges [from, to)
 */
public record CalendarDefinition(@Nullable String zone, Map<String, List<WindowDefinition>> hours,
                                 List<HolidayDefinition> holidays, List<ClosureDefinition> closures) {

    public CalendarDefinition {
        hours = hours == null ? Map.of() : Map.copyOf(hours);
        holidays = holidays == null ? List.of() : List.copyOf(holidays);
        closures = closures == null ? List.of() : List.copyOf(closures);
    }

    /** A daily window, {@code HH:mm} to {@code HH:mm} (or {@code 24:00}), on the minute. */
    public record WindowDefinition(@Nullable String from, @Nullable String to) {
    }

    /** Either an explicit local date, or the public holidays of a country (ISO 3166) and optional region. */
    public sealed interface HolidayDefinition permits HolidayDefinition.Date, HolidayDefinition.Country {

        record Date(@Nullable String date) implements HolidayDefinition {
        }

        record Country(@Nullable String country, @Nullable String region) implements HolidayDefinition {
        }
    }

    /** A one-off closure, local date-times {@code yyyy-MM-ddTHH:mm}, [from, to). */
    public record ClosureDefinition(@Nullable String from, @Nullable String to) {
    }
}
