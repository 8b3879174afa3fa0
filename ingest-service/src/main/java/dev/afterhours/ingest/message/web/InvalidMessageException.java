package dev.afterhours.ingest.message.web;

import dev.afterhours.contracts.Channel;
import dev.afterhours.contracts.Direction;
import org.jspecify.annotations.Nullable;

/** A posted message was rejected; the message names the field and the problem. Answered with 400. */
public class InvalidMessageException extends IllegalArgumentException {

    private final @Nullable String field;
    private final @Nullable Channel channel;
    private final @Nullable Direction direction;

    public InvalidMessageException(String message, @Nullable String field) {
        this(message, field, null, null);
    }

    private InvalidMessageException(String message, @Nullable String field, @Nullable Channel channel,
            @Nullable Direction direction) {
        super(message);
        this.field = field;
        this.channel = channel;
        this.direction = direction;
    }

    /** The same rejection, knowing the channel and direction parsed so far (for metrics). */
    InvalidMessageException about(@Nullable Channel knownChannel, @Nullable Direction knownDirection) {
        InvalidMessageException copy = new InvalidMessageException(getMessage(), field, knownChannel, knownDirection);
        copy.setStackTrace(getStackTrace());
        return copy;
    }

    public @Nullable String field() {
        return field;
    }

    public @Nullable Channel channel() {
        return channel;
    }

    public @Nullable Direction direction() {
        return direction;
    }
}
