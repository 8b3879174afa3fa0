package dev.afterhours.notifier.acknowledgement;

import dev.afterhours.contracts.AutoReplyOutcome;
import dev.afterhours.contracts.AutoReplyRecorded;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * What {@code afterhours.auto-replies.outcomes.v1} says, in memory: the latest outcome of each acknowledgement
 * request. Fed by a follower that reads the compacted topic from its beginning, and directly by this instance right
 * after each of its own records is acknowledged by the broker. Any outcome at all, an {@code ATTEMPTED} included,
 * means the request is never sent again.
 */
public final class AcknowledgementLedger {

    private final Map<String, AutoReplyOutcome> outcomes = new ConcurrentHashMap<>();

    public void apply(AutoReplyRecorded recorded) {
        // ATTEMPTED never replaces an outcome: a late copy of the intent must not hide that it was sent.
        outcomes.merge(recorded.getRequestId(), recorded.getOutcome(),
                (prior, next) -> next == AutoReplyOutcome.ATTEMPTED ? prior : next);
    }

    /** The latest outcome recorded for this request, or null if it was never handled. */
    public @Nullable AutoReplyOutcome outcome(String requestId) {
        return outcomes.get(requestId);
    }
}
