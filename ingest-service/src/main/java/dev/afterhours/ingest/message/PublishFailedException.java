package dev.afterhours.ingest.message;

/** A message could not be written durably (Kafka or the registry unavailable, or too slow). Answered with 503. */
public class PublishFailedException extends RuntimeException {

    public PublishFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
