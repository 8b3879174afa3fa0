package dev.afterhours.ingest.message;

import dev.afterhours.contracts.MessageReceived;

/**
 * What happens to a new message once its {@code MessageReceived} is on the broker and before its caller is
 * answered: on a client's emergency line, the page is requested there and then, ahead of the classifier. Asked by
 * {@link MessageIntake} only for a message it has just written, never for a retry answered as a duplicate.
 */
@FunctionalInterface
public interface EarlyPage {

    /** Pages nothing early: everything is left to the pipeline. */
    EarlyPage NONE = (message, event) -> {
    };

    /**
     * Never throws: the message is already durably accepted, and the pipeline pages whatever this did not, so a
     * failure here is logged and counted, not answered to the caller.
     *
     * @param message the message as posted
     * @param event   what was written to the received topic for it (ids, client, receipt time)
     */
    void accepted(InboundMessage message, MessageReceived event);
}
