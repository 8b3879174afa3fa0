package dev.afterhours.classifier.correction;

import dev.afterhours.contracts.UrgencyCorrected;

/** Where corrections are published. */
public interface CorrectionSink {

    /**
     * Returns only once the broker has acknowledged the record (acks=all).
     *
     * @throws CorrectionsUnavailableException if it was not acknowledged in time
     */
    void publish(UrgencyCorrected correction);
}
