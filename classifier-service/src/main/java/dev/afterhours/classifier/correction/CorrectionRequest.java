package dev.afterhours.classifier.correction;

import dev.afterhours.contracts.Urgency;
import java.util.Objects;

/**
 * What a staff member says about one message: the urgency it should have had, who says so, and why.
 *
 * @param urgency     the corrected urgency
 * @param correctedBy who corrects (a staff id such as {@code alice}); never blank
 * @param reason      why; never blank, so the correction can be reviewed and learned from
 */
public record CorrectionRequest(Urgency urgency, String correctedBy, String reason) {

    public CorrectionRequest {
        Objects.requireNonNull(urgency, "urgency");
        if (correctedBy.isBlank() || reason.isBlank()) {
            throw new IllegalArgumentException("correctedBy and reason must not be blank");
        }
    }
}
