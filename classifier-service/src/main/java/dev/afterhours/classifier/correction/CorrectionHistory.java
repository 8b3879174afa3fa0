package dev.afterhours.classifier.correction;

import dev.afterhours.contracts.UrgencyCorrected;
import java.util.List;

/** Every correction published so far, read from the corrections topic. */
public interface CorrectionHistory {

    /**
     * @return the corrections up to the topic's end at call time, in topic order within each partition
     * @throws CorrectionsUnavailableException if Kafka cannot be read in time
     */
    History readAll();

    /**
     * @param corrections the decoded corrections
     * @param skipped     records that could not be decoded as an UrgencyCorrected (logged where they were met)
     */
    record History(List<UrgencyCorrected> corrections, int skipped) {

        public History {
            corrections = List.copyOf(corrections);
        }
    }
}
