package dev.afterhours.ingest.message;

import org.jspecify.annotations.Nullable;

/**
 * Whether a new message may be written now, or must wait because the pipeline is too far behind. Asked by
 * {@link MessageIntake} after the duplicate check (a retry of a message already taken is always answered) and before
 * anything is written. Implementations answer from state kept up to date elsewhere: never a call to Kafka here.
 */
@FunctionalInterface
public interface Backpressure {

    /** Takes everything. */
    Backpressure NONE = message -> null;

    /** Why this message is refused now, or null when it is taken. */
    @Nullable PipelineBehindException refusal(InboundMessage message);
}
