package dev.afterhours.classifier.correction;

/** Kafka did not answer in time: nothing was published, and the caller should retry (HTTP 503). */
public class CorrectionsUnavailableException extends RuntimeException {

    public CorrectionsUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public CorrectionsUnavailableException(String message) {
        super(message);
    }
}
