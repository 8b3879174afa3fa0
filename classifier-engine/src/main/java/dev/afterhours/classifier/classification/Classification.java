package dev.afterhours.classifier.classification;

import dev.afterhours.contracts.Urgency;
import java.util.List;
import java.util.Objects;

/**
 * A classifier's verdict.
 *
 * @param urgency       EMERGENCY acts now, HIGH today, NORMAL the usual turnaround, LOW can wait
 * @param confidence    0 to 1: how far the deciding rule is trusted (not a calibrated probability)
 * @param reasons       human-readable, most important first, never empty
 * @param needsResponse false for auto-replies, staff replies, thanks and FYIs
 * @param autoReply     written by a machine (out-of-office, list, bulk mail)
 */
public record Classification(Urgency urgency, double confidence, List<String> reasons, boolean needsResponse,
                             boolean autoReply) {

    public Classification {
        Objects.requireNonNull(urgency, "urgency");
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("confidence must be within [0, 1], was " + confidence);
        }
        reasons = List.copyOf(reasons);
        if (reasons.isEmpty()) {
            throw new IllegalArgumentException("a classification must give at least one reason");
        }
        if (autoReply && needsResponse) {
            throw new IllegalArgumentException("an auto-reply never needs a response");
        }
        if (autoReply && urgency == Urgency.EMERGENCY) {
            throw new IllegalArgumentException("an auto-reply is never an emergency");
        }
    }
}
