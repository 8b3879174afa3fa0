package dev.afterhours.ingest.web;

/** Kafka or the registry could not take a write; the caller should retry. Answered with 503. */
public class ServiceUnavailableException extends RuntimeException {

    public ServiceUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
