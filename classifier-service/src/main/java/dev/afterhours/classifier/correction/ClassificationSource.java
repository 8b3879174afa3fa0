package dev.afterhours.classifier.correction;

import dev.afterhours.contracts.MessageClassified;
import java.util.Optional;

/** Where the classification of a message is looked up (the classified topic, through the index). */
public interface ClassificationSource {

    /**
     * @return the latest classification of the message, or empty if none is known
     * @throws CorrectionsUnavailableException if Kafka cannot be read in time
     */
    Optional<MessageClassified> find(String messageId);

    /** True once everything that was on the classified topic at startup has been indexed. */
    boolean isCaughtUp();
}
