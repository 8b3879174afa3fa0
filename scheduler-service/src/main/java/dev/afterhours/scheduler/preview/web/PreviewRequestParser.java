package dev.afterhours.scheduler.preview.web;

import dev.afterhours.businesstime.BusinessCalendars;
import dev.afterhours.businesstime.SupportHours;
import dev.afterhours.businesstime.definition.CalendarDefinition;
import dev.afterhours.businesstime.definition.CalendarDefinition.ClosureDefinition;
import dev.afterhours.businesstime.definition.CalendarDefinition.HolidayDefinition;
import dev.afterhours.businesstime.definition.CalendarDefinition.WindowDefinition;
import dev.afterhours.businesstime.definition.InvalidCalendarException;
import dev.afterhours.businesstime.definition.InvalidCalendarException.Problem;
import dev.afterhours.contracts.SlaClock;
import dev.afterhours.scheduler.preview.SlaPreview;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a preview request, collecting every problem with its field path rather than stopping at the first, so an
 * admin fixes a calendar in one round.
 */
final class PreviewRequestParser {

    private static final Set<String> FIELDS = Set.of("calendar", "receivedAt", "target", "clock", "count", "every");
    private static final Set<String> CALENDAR_FIELDS = Set.of("zone", "hours", "holidays", "closures");
    private static final Set<String> RANGE_FIELDS = Set.of("from", "to");
    private static final Set<String> COUNTRY_FIELDS = Set.of("country", "region");

    /** Durations an SLA can mean, as the directory allows for a client's targets. */
    static final Duration MAX_DURATION = Duration.ofDays(366);
    /** Four-digit years: every instant a message can carry (ingest and the directory refuse the others). */
    static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private final JsonMapper json = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    record PreviewRequest(SupportHours hours, Instant receivedAt, Duration target, SlaClock clock,
                          @Nullable Integer count, @Nullable Duration every) {
    }

    PreviewRequest parse(@Nullable String body) {
        if (body == null || body.isBlank()) {
            throw new InvalidCalendarException("body", "missing: expected a JSON object with calendar, receivedAt and target");
        }
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JacksonException e) {
            throw new InvalidCalendarException("body", "malformed JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new InvalidCalendarException("body", "expected a JSON object");
        }
        List<Problem> problems = new ArrayList<>();
        unknownFields(root, FIELDS, "", problems);
        JsonNode calendarNode = root.get("calendar");
        List<Problem> calendarProblems = new ArrayList<>();
        CalendarDefinition calendar = calendar(calendarNode, calendarProblems);
        Instant receivedAt = instant(root.get("receivedAt"), "receivedAt", problems);
        Duration target = duration(root.get("target"), "target", true, problems);
        SlaClock clock = clock(root.get("clock"), problems);
        Integer count = null;
        Duration every = null;
        JsonNode countNode = root.get("count");
        if (countNode != null && !countNode.isNull()) {
            if (!countNode.isInt() || countNode.intValue() < 1 || countNode.intValue() > SlaPreview.MAX_SERIES) {
                problems.add(new Problem("count", "expected a whole number from 1 to " + SlaPreview.MAX_SERIES
                        + ", got " + countNode));
            } else {
                count = countNode.intValue();
            }
            every = duration(root.get("every"), "every", true, problems);
            if (every.isZero() && root.get("every") != null && !root.get("every").isNull()) {
                problems.add(new Problem("every", "must be positive, was " + every));
            }
        } else if (root.get("every") != null) {
            problems.add(new Problem("every", "only meaningful with count"));
        }
        SupportHours hours = null;
        if (calendarNode != null && calendarNode.isObject()) {
            // Compiled even when other fields are wrong, so one answer lists every problem.
            try {
                hours = BusinessCalendars.compile(calendar);
            } catch (InvalidCalendarException e) {
                e.problems().stream().filter(p -> !calendarProblems.contains(p)).forEach(calendarProblems::add);
            }
        }
        // Calendar problems in the order a calendar is written (zone, hours, holidays, closures), after unknown
        // top-level fields and before the other fields.
        calendarProblems.sort(Comparator.comparingInt((Problem p) -> section(p.field())).thenComparing(Problem::field));
        problems.addAll(Math.min(problems.size(), unknownTopLevel(problems)), calendarProblems);
        if (!problems.isEmpty() || hours == null) {
            throw new InvalidCalendarException(problems);
        }
        return new PreviewRequest(hours, receivedAt, target, clock, count, every);
    }

    private static int unknownTopLevel(List<Problem> problems) {
        int n = 0;
        while (n < problems.size() && problems.get(n).message().startsWith("unknown field")) {
            n++;
        }
        return n;
    }

    private static int section(String field) {
        List<String> order = List.of("calendar.zone", "calendar.hours", "calendar.holidays", "calendar.closures");
        for (int i = 0; i < order.size(); i++) {
            if (field.startsWith(order.get(i))) {
                return i;
            }
        }
        return -1; // "calendar" itself, or an unknown field of it: first
    }

    static Instant instant(@Nullable JsonNode node, String field, List<Problem> problems) {
        if (node == null || node.isNull()) {
            problems.add(new Problem(field, "missing"));
            return Instant.EPOCH;
        }
        try {
            if (!node.isString()) {
                throw new DateTimeParseException("not text", node.toString(), 0);
            }
            Instant instant = Instant.parse(node.asString());
            if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
                problems.add(new Problem(field, "must be between " + EARLIEST + " and " + LATEST + ", was "
                        + shown(node)));
                return Instant.EPOCH;
            }
            if (instant.getNano() != 0) {
                // Answers are whole seconds; a fraction would be silently cut from them.
                problems.add(new Problem(field, "must be whole seconds, was " + shown(node)));
            }
            return instant;
        } catch (DateTimeParseException e) {
            problems.add(new Problem(field, "'" + shown(node) + "' is not an ISO-8601 instant like 2026-11-23T22:14:05Z"));
            return Instant.EPOCH;
        }
    }

    static Duration duration(@Nullable JsonNode node, String field, boolean required, List<Problem> problems) {
        if (node == null || node.isNull()) {
            if (required) {
                problems.add(new Problem(field, "missing"));
            }
            return Duration.ZERO;
        }
        try {
            if (!node.isString()) {
                throw new DateTimeParseException("not text", node.toString(), 0);
            }
            Duration duration = Duration.parse(node.asString());
            if (duration.isNegative()) {
                problems.add(new Problem(field, "must not be negative, was " + shown(node)));
                return Duration.ZERO;
            } else if (duration.compareTo(MAX_DURATION) > 0) {
                problems.add(new Problem(field, "must be at most " + MAX_DURATION.toDays() + " days (P366D), was "
                        + shown(node)));
                return Duration.ZERO;
            } else if (duration.getNano() != 0) {
                problems.add(new Problem(field, "must be whole seconds, was " + shown(node)));
            }
            return duration;
        } catch (DateTimeParseException e) {
            problems.add(new Problem(field, "'" + shown(node) + "' is not an ISO-8601 duration like PT4H"));
            return Duration.ZERO;
        }
    }

    static SlaClock clock(@Nullable JsonNode node, List<Problem> problems) {
        if (node == null || node.isNull()) {
            return SlaClock.BUSINESS;
        }
        try {
            if (!node.isString()) {
                throw new IllegalArgumentException("not text");
            }
            return SlaClock.valueOf(node.asString());
        } catch (IllegalArgumentException e) {
            problems.add(new Problem("clock", "'" + shown(node) + "' is not one of " + Arrays.toString(SlaClock.values())));
            return SlaClock.BUSINESS;
        }
    }

    private static CalendarDefinition calendar(@Nullable JsonNode node, List<Problem> problems) {
        if (node == null || !node.isObject()) {
            problems.add(new Problem("calendar", node == null ? "missing" : "expected an object"));
            return new CalendarDefinition(null, Map.of(), List.of(), List.of());
        }
        unknownFields(node, CALENDAR_FIELDS, "calendar.", problems);
        JsonNode zone = node.get("zone");
        Map<String, List<WindowDefinition>> hours = new LinkedHashMap<>();
        JsonNode hoursNode = node.get("hours");
        if (hoursNode != null && !hoursNode.isObject()) {
            problems.add(new Problem("calendar.hours", "expected an object of day name to windows"));
        } else if (hoursNode != null) {
            for (Map.Entry<String, JsonNode> day : hoursNode.properties()) {
                List<WindowDefinition> windows = new ArrayList<>();
                if (!day.getValue().isArray()) {
                    problems.add(new Problem("calendar.hours." + day.getKey(), "expected a list of {from, to}"));
                    continue;
                }
                int i = 0;
                for (JsonNode window : day.getValue()) {
                    String path = "calendar.hours." + day.getKey() + "[" + i++ + "]";
                    if (!window.isObject()) {
                        problems.add(new Problem(path, "expected {\"from\": \"HH:mm\", \"to\": \"HH:mm\"}, got " + window));
                        continue;
                    }
                    unknownFields(window, RANGE_FIELDS, path + ".", problems);
                    windows.add(new WindowDefinition(text(window.get("from")), text(window.get("to"))));
                }
                hours.put(day.getKey(), windows);
            }
        }
        List<HolidayDefinition> holidays = new ArrayList<>();
        JsonNode holidaysNode = node.get("holidays");
        if (holidaysNode != null && holidaysNode.isArray()) {
            int i = 0;
            for (JsonNode holiday : holidaysNode) {
                String path = "calendar.holidays[" + i++ + "]";
                if (holiday.isObject()) {
                    unknownFields(holiday, COUNTRY_FIELDS, path + ".", problems);
                    holidays.add(new HolidayDefinition.Country(text(holiday.get("country")), text(holiday.get("region"))));
                } else if (holiday.isString()) {
                    holidays.add(new HolidayDefinition.Date(holiday.stringValue()));
                } else {
                    problems.add(new Problem(path, "expected a date like \"2026-12-25\" or {\"country\", \"region\"}, got " + holiday));
                }
            }
        } else if (holidaysNode != null && !holidaysNode.isNull()) {
            problems.add(new Problem("calendar.holidays", "expected a list of dates or {country, region}"));
        }
        List<ClosureDefinition> closures = new ArrayList<>();
        JsonNode closuresNode = node.get("closures");
        if (closuresNode != null && closuresNode.isArray()) {
            int i = 0;
            for (JsonNode closure : closuresNode) {
                String path = "calendar.closures[" + i++ + "]";
                if (!closure.isObject()) {
                    problems.add(new Problem(path, "expected {\"from\": \"yyyy-MM-ddTHH:mm\", \"to\": ...}, got " + closure));
                    continue;
                }
                unknownFields(closure, RANGE_FIELDS, path + ".", problems);
                closures.add(new ClosureDefinition(text(closure.get("from")), text(closure.get("to"))));
            }
        } else if (closuresNode != null && !closuresNode.isNull()) {
            problems.add(new Problem("calendar.closures", "expected a list of {from, to}"));
        }
        return new CalendarDefinition(text(zone), hours, holidays, closures);
    }

    private static void unknownFields(JsonNode object, Set<String> known, String prefix, List<Problem> problems) {
        for (String name : object.propertyNames()) {
            if (!known.contains(name)) {
                problems.add(new Problem(prefix + name, "unknown field (known: " + known.stream().sorted().toList() + ")"));
            }
        }
    }

    /** Text as given; any other JSON value as its JSON, which no calendar field accepts, so it is reported. */
    private static @Nullable String text(@Nullable JsonNode node) {
        return node == null || node.isNull() ? null : shown(node);
    }

    /** A value as the caller wrote it: a string's text, anything else as JSON (asString() refuses containers). */
    private static String shown(JsonNode node) {
        return node.isString() ? node.stringValue() : node.toString();
    }
}
