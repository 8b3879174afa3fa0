package dev.afterhours.ingest.message;

import dev.afterhours.contracts.MessageReceived;

/** Where accepted messages go: the received topic, durably. */
public interface ReceivedMessageSink {

    /**
     * Publishes the event keyed by its client id and returns once the broker has acknowledged it (acks=all).
     *
     * @param counterpart the external party's address, carried along so the index can be rebuilt from the topic
     * @throws PublishFailedException if it could not be written; the caller must not report success
     */
    void publish(MessageReceived event, String counterpart);
}
