package dev.afterhours.ingest.email;

/** The message cannot be taken as an email: says why, naming the header at fault (or {@code body}). */
public final class UnreadableEmailException extends RuntimeException {

    private final String field;

    public UnreadableEmailException(String field, String message) {
        super(message);
        this.field = field;
    }

    public UnreadableEmailException(String field, String message, Throwable cause) {
        super(message, cause);
        this.field = field;
    }

    /** The header at fault ({@code From}), or {@code body} for the message as a whole. */
    public String field() {
        return field;
    }
}
