package dev.afterhours.businesstime.schedule;

/**
 * A schedule, one of its parts, or a question put to it was rejected. The message starts with the offending field,
 * e.g. {@code layer.members: a layer needs at least one member}; {@link #field()} gives it alone.
 */
public class InvalidScheduleException extends IllegalArgumentException {

    private final String field;

    public InvalidScheduleException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
    }

    public String field() {
        return field;
    }

    static <T> T required(String field, T value) {
        if (value == null) {
            throw new InvalidScheduleException(field, "is required");
        }
        return value;
    }

    static String requiredText(String field, String value) {
        if (required(field, value).isBlank()) {
            throw new InvalidScheduleException(field, "must not be blank");
        }
        return value;
    }
}
