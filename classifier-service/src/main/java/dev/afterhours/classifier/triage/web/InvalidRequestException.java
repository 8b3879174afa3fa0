package dev.afterhours.classifier.triage.web;

/** A preview request with a bad field; the message starts with the field's name. */
public class InvalidRequestException extends RuntimeException {

    private final String field;

    public InvalidRequestException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
