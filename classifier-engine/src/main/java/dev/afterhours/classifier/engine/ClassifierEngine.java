package dev.afterhours.classifier.engine;

import dev.afterhours.classifier.classification.Classification;
import dev.afterhours.classifier.classification.CombinedClassifier;
import dev.afterhours.classifier.classification.ContactHistory;
import dev.afterhours.classifier.classification.MessageClassifier;
import dev.afterhours.classifier.classification.RuleBasedClassifier;
import dev.afterhours.classifier.hours.AfterHours;
import dev.afterhours.classifier.hours.AfterHoursClock;
import dev.afterhours.classifier.model.Calibration;
import dev.afterhours.classifier.model.SecondOpinion;
import dev.afterhours.classifier.model.UrgencyModel;
import dev.afterhours.contracts.ClientProfile;
import dev.afterhours.contracts.MessageReceived;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The whole decision for one message, in one call: how urgent and why, whether anyone must answer, whether a machine
 * wrote it ({@link CombinedClassifier}: the rules, the word models, the second opinion, the calibration), and where
 * its arrival falls against the client's support hours ({@link AfterHoursClock}). Plain Java: the service finds the
 * client, calls {@link #decide}, and maps the {@link Decision} onto its contract.
 */
public final class ClassifierEngine {

    private final MessageClassifier classifier;
    private final AfterHoursClock hours;

    public ClassifierEngine(MessageClassifier classifier, AfterHoursClock hours) {
        this.classifier = Objects.requireNonNull(classifier, "classifier");
        this.hours = Objects.requireNonNull(hours, "hours");
    }

    /**
     * The shipped decision, on the model files on the classpath (classifier-training's "models" jar).
     *
     * @param hours   the agency's default calendar, for messages whose client is unknown
     * @param history the client's recent contacts; its owner records into it after each decision
     */
    public static ClassifierEngine shipped(AfterHoursClock hours, ContactHistory history) {
        return new ClassifierEngine(shippedClassifier(history), hours);
    }

    /**
     * The rules and the models the build trained, the nearest labelled examples for the messages the words are
     * unsure of, the calibration with its EMERGENCY threshold per language, and the client's recent contacts.
     */
    public static CombinedClassifier shippedClassifier(ContactHistory history) {
        return new CombinedClassifier(new RuleBasedClassifier(), UrgencyModel.fromClasspath(),
                SecondOpinion.fromClasspath(), Calibration.fromClasspath(), history);
    }

    /**
     * @param message the message as ingest normalised it
     * @param client  the client it belongs to, when the directory knows it (else the agency's default calendar)
     * @param now     the time of the decision
     */
    public Decision decide(MessageReceived message, Optional<ClientProfile> client, Instant now) {
        return new Decision(classifier.classify(message, client, now), hours.at(message.getReceivedAt(), client));
    }

    /**
     * @param classification urgency, confidence, reasons, needs-response and auto-reply
     * @param afterHours     the arrival against the client's support hours, on the client's wall clock
     */
    public record Decision(Classification classification, AfterHours afterHours) {

        public Decision {
            Objects.requireNonNull(classification, "classification");
            Objects.requireNonNull(afterHours, "afterHours");
        }
    }
}
