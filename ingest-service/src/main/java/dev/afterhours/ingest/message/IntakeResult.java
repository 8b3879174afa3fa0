package dev.afterhours.ingest.message;

/** The answer to a posted message: its ids and whether it was new. */
public record IntakeResult(String messageId, String clientId, String conversationId, Status status) {

    public enum Status {
        /** Published now. */
        ACCEPTED,
        /** Published before; these are the original ids, nothing was published now. */
        DUPLICATE
    }
}
