package dev.afterhours.notifier.acknowledgement;

import dev.afterhours.contracts.AutoReplyOutcome;
import dev.afterhours.contracts.AutoReplyRecorded;
import dev.afterhours.notifier.ledger.OutcomeLedger;
import org.jspecify.annotations.Nullable;

/**
 * What {@code afterhours.auto-replies.outcomes.v1} says, in memory: the latest outcome of each acknowledgement
 * request (see {@link OutcomeLedger}).
 */
public final class AcknowledgementLedger extends OutcomeLedger<AutoReplyRecorded, AutoReplyOutcome> {

    public AcknowledgementLedger() {
        super(AutoReplyRecorded::getRequestId, AutoReplyRecorded::getOutcome, o -> o == AutoReplyOutcome.ATTEMPTED);
    }

    /** The latest outcome recorded for this request, or null if it was never handled. */
    public @Nullable AutoReplyOutcome outcome(String requestId) {
        return latest(requestId);
    }
}
