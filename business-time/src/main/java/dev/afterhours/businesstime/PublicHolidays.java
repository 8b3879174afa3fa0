package dev.afterhours.businesstime;

import de.focus_shift.jollyday.core.CalendarHierarchy;
import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.core.HolidayType;
import de.focus_shift.jollyday.core.ManagerParameters;
import java.time.LocalDate;
import java.time.Year;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Public holidays of a country and optional region, from Jollyday's maintained calendars, cached per
 * (country, region, year): a year's holidays are computed once per JVM, then every lookup is a set lookup.
 */
final class PublicHolidays {

    /** One country (ISO 3166 alpha-2, lower case) and optional region (Jollyday's hierarchy id, lower case). */
    record Key(String country, @Nullable String region) {
    }

    private record YearKey(Key key, int year) {
    }

    private static final Map<String, HolidayManager> MANAGERS = new ConcurrentHashMap<>();
    private static final Map<YearKey, Set<LocalDate>> YEARS = new ConcurrentHashMap<>();

    private PublicHolidays() {
    }

    static boolean isSupportedCountry(String country) {
        return HolidayManager.getSupportedCalendarCodes().contains(country.toUpperCase(Locale.ROOT));
    }

    /** The region ids the country knows (first level of its hierarchy), e.g. {@code ny} for US or {@code by} for DE. */
    static Set<String> regions(String country) {
        CalendarHierarchy hierarchy = manager(country).getCalendarHierarchy();
        return hierarchy.getChildren().keySet().stream().map(id -> id.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    }

    static Set<LocalDate> holidays(Key key, int year) {
        return YEARS.computeIfAbsent(new YearKey(key, year), k -> {
            String[] args = key.region() == null ? new String[0] : new String[] {key.region()};
            return manager(key.country()).getHolidays(Year.of(year), HolidayType.PUBLIC_HOLIDAY, args).stream()
                    // Both the date and, when the holiday is moved (US July 4th on a Saturday), the observed day off.
                    .flatMap(h -> Stream.concat(Stream.of(h.getDate()), h.getObservedDate().stream()))
                    .collect(Collectors.toUnmodifiableSet());
        });
    }

    private static HolidayManager manager(String country) {
        return MANAGERS.computeIfAbsent(country.toLowerCase(Locale.ROOT),
                code -> HolidayManager.getInstance(ManagerParameters.create(code)));
    }
}
