package dev.afterhours.classifier.correction;

/** No classification is known for the message id (yet: the index may still be reading the topic). */
public class UnknownMessageException extends RuntimeException {

    private final String messageId;
    private final boolean indexCaughtUp;

    public UnknownMessageException(String messageId, boolean indexCaughtUp) {
        super("no classification of message '" + messageId + "' is known"
                + (indexCaughtUp ? "" : " yet (the classified topic is still being indexed; retry shortly)"));
        this.messageId = messageId;
        this.indexCaughtUp = indexCaughtUp;
    }

    public String messageId() {
        return messageId;
    }

    public boolean indexCaughtUp() {
        return indexCaughtUp;
    }
}
