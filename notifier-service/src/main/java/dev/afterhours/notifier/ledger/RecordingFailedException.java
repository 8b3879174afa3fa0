package dev.afterhours.notifier.ledger;

/**
 * The broker did not take a notification event. Not a problem of one recipient: the record being processed must be
 * retried, so paging code lets this through where it contains every other per-recipient failure.
 */
public class RecordingFailedException extends IllegalStateException {

    public RecordingFailedException(String message, Throwable cause) {
        super(message, cause);
    }

    public RecordingFailedException(String message) {
        super(message);
    }
}
