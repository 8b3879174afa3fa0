package dev.afterhours.ingest.message;

/** This instance cannot serve the request yet (directory or idempotency index still loading). Answered with 503. */
public class NotReadyException extends RuntimeException {

    public NotReadyException(String message) {
        super(message);
    }
}
