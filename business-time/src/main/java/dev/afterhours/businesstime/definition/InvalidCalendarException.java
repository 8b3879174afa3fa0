package dev.afterhours.businesstime.definition;

import java.util.List;

/**
 * A calendar definition or a question put to a calendar was rejected. Each problem names its field path and the
 * problem, e.g. {@code calendar.hours.MONDAY[0].to: '17:30:15' is not on the minute}.
 */
public class InvalidCalendarException extends IllegalArgumentException {

    /** One problem: the field path (e.g. {@code calendar.zone}) and what is wrong with it. */
    public record Problem(String field, String message) {
        @Override
        public String toString() {
            return field + ": " + message;
        }
    }

    private final List<Problem> problems;

    public InvalidCalendarException(List<Problem> problems) {
        super(String.join("; ", problems.stream().map(Problem::toString).toList()));
        this.problems = List.copyOf(problems);
    }

    public InvalidCalendarException(String field, String message) {
        this(List.of(new Problem(field, message)));
    }

    public List<Problem> problems() {
        return problems;
    }
}
