package dev.afterhours.classifier.triage.kafka;

/** A record that no retry can fix (no value, or not a MessageReceived): parked on the dead-letter topic at once. */
public class UnprocessableMessageException extends RuntimeException {

    public UnprocessableMessageException(String message) {
        super(message);
    }
}
