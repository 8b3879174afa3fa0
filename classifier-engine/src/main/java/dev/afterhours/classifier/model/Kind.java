package dev.afterhours.classifier.model;

/** What a message wants back: the kind model's three labels. */
public enum Kind {
    /** Written by a machine: out-of-office, receipts, bulk mail. Nobody answers, no SLA starts. */
    AUTO_REPLY,
    /** Written by a person who expects no answer: thanks, FYI, a calendar acceptance. */
    NO_REPLY,
    /** Someone has to answer. */
    REPLY;

    static Kind of(boolean autoReply, boolean needsResponse) {
        return autoReply ? AUTO_REPLY : needsResponse ? REPLY : NO_REPLY;
    }
}
