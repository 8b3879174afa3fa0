package dev.afterhours.classifier.classification;

import dev.afterhours.contracts.ClientProfile;
import dev.afterhours.contracts.MessageReceived;
import java.time.Instant;
import java.util.Optional;

/**
 * Judges one message: how urgent, whether anyone has to answer, whether a machine wrote it. The rules of the
 * walking skeleton implement it; a learned model can implement it later (or be combined with the rules) without
 * touching the pipeline, the preview endpoint or the after-hours arithmetic, which live outside.
 */
@FunctionalInterface
public interface MessageClassifier {

    /**
     * @param message the message as ingest normalised it
     * @param client  the client it belongs to, when the directory knows it
     * @param now     the time of classification (for rules that depend on it; none of the skeleton's do)
     */
    Classification classify(MessageReceived message, Optional<ClientProfile> client, Instant now);
}
