package dev.afterhours.ingest.twilio;

/** A signed webhook that lacks what Twilio always sends: a 400 naming the parameter. */
public final class InvalidTwilioRequestException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String field;

    public InvalidTwilioRequestException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
