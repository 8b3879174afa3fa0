package dev.afterhours.ingest.slack;

/** A signed request whose payload is not what Slack's Events API sends (400, naming the field). */
public final class InvalidSlackEventException extends RuntimeException {

    private final String field;

    public InvalidSlackEventException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
