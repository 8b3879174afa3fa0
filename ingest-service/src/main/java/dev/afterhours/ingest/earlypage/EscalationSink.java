package dev.afterhours.ingest.earlypage;

import dev.afterhours.contracts.EscalationRequested;

/** Where early pages go: the escalations topic, keyed by client like every other escalation. */
@FunctionalInterface
public interface EscalationSink {

    /**
     * Returns once the broker has acknowledged the escalation.
     *
     * @throws dev.afterhours.ingest.message.PublishFailedException if it could not be written
     */
    void publish(EscalationRequested escalation);
}
