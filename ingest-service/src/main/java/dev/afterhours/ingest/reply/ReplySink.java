package dev.afterhours.ingest.reply;

import dev.afterhours.contracts.ReplyRequested;

/** Where staff replies to send go: the replies topic, durably. */
public interface ReplySink {

    /**
     * Publishes the request keyed by its client id and returns once the broker has acknowledged it (acks=all).
     *
     * @throws dev.afterhours.ingest.message.PublishFailedException if it could not be written
     */
    void publish(ReplyRequested request);
}
