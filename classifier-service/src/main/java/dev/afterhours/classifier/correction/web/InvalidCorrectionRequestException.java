package dev.afterhours.classifier.correction.web;

/** A correction request with a bad field; the message starts with the field's name. */
public class InvalidCorrectionRequestException extends RuntimeException {

    private final String field;

    public InvalidCorrectionRequestException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
