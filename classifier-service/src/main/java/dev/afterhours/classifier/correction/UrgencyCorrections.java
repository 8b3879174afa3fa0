package dev.afterhours.classifier.correction;

import dev.afterhours.contracts.MessageClassified;
import dev.afterhours.contracts.UrgencyCorrected;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Corrects a message's urgency: look up its classification, publish the correction, count it once acknowledged. */
public class UrgencyCorrections {

    private static final Logger log = LoggerFactory.getLogger(UrgencyCorrections.class);

    private final ClassificationSource classifications;
    private final CorrectionSink sink;
    private final CorrectionHistory history;
    private final CorrectionMetrics metrics;
    private final Clock clock;

    public UrgencyCorrections(ClassificationSource classifications, CorrectionSink sink, CorrectionHistory history,
            CorrectionMetrics metrics, Clock clock) {
        this.classifications = classifications;
        this.sink = sink;
        this.history = history;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * @throws UnknownMessageException         if no classification of the message is known
     * @throws CorrectionsUnavailableException if Kafka did not answer in time; nothing was counted
     */
    public UrgencyCorrected correct(String messageId, CorrectionRequest request) {
        MessageClassified classified = classifications.find(messageId)
                .orElseThrow(() -> new UnknownMessageException(messageId, classifications.isCaughtUp()));
        UrgencyCorrected correction = Corrections.of(classified, request, UUID.randomUUID(), clock.instant());
        sink.publish(correction);
        metrics.corrected(correction);
        log.info("Urgency of message {} (client {}) corrected by {}: {} -> {}", messageId, correction.getClientId(),
                correction.getCorrectedBy(), correction.getPreviousUrgency(), correction.getCorrectedUrgency());
        return correction;
    }

    /** The latest correction of every corrected message, as training examples. */
    public Export export() {
        CorrectionHistory.History all = history.readAll();
        return new Export(Corrections.latestPerMessage(all.corrections()), all.skipped());
    }

    /**
     * @param corrections the latest correction per message
     * @param skipped     records on the topic that could not be decoded
     */
    public record Export(List<UrgencyCorrected> corrections, int skipped) {

        public Export {
            corrections = List.copyOf(corrections);
        }
    }
}
