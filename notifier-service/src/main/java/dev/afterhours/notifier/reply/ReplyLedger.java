package dev.afterhours.notifier.reply;

import dev.afterhours.contracts.ReplyOutcome;
import dev.afterhours.contracts.ReplyRecorded;
import dev.afterhours.notifier.ledger.OutcomeLedger;

/**
 * What {@code afterhours.notifier.replies.v1} says: the latest record of each staff reply, whole, since it is also
 * the reply's status (see {@link OutcomeLedger}).
 */
public final class ReplyLedger extends OutcomeLedger<ReplyRecorded, ReplyRecorded> {

    public ReplyLedger() {
        super(ReplyRecorded::getReplyId, r -> r, r -> r.getOutcome() == ReplyOutcome.ATTEMPTED);
    }
}
