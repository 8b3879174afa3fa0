package dev.afterhours.contracts.deadletter;

/** Why a dead-letter request cannot be answered; {@link #field()} names the request field at fault. */
public class DeadLetterException extends RuntimeException {

    /** What kind of problem, so a web layer can pick the status. */
    public enum Kind { INVALID, NOT_FOUND, ALREADY_REPLAYED, NOT_REPLAYABLE }

    private final Kind kind;
    private final String field;

    public DeadLetterException(Kind kind, String field, String message) {
        super(message);
        this.kind = kind;
        this.field = field;
    }

    public Kind kind() {
        return kind;
    }

    public String field() {
        return field;
    }
}
