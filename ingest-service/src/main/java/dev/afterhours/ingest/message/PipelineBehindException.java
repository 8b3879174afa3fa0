package dev.afterhours.ingest.message;

/**
 * The pipeline is further behind than the configured backlog allows, and the message is routine: nothing was
 * written. Answered with 429 and {@code Retry-After} over HTTP, 451 over SMTP.
 *
 * @see Backpressure
 */
public class PipelineBehindException extends RuntimeException {

    private final long backlog;
    private final long maxBacklog;
    private final long retryAfterSeconds;

    public PipelineBehindException(long backlog, long maxBacklog, long retryAfterSeconds) {
        super("the pipeline is behind: " + backlog + " messages wait to be classified, more than the limit of "
                + maxBacklog + "; routine messages are refused until it catches up");
        this.backlog = backlog;
        this.maxBacklog = maxBacklog;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long backlog() {
        return backlog;
    }

    public long maxBacklog() {
        return maxBacklog;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
