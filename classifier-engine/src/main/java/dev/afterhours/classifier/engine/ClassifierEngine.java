package dev.afterhours.classifier.engine;

import dev.afterhours.classifier.classification.Classification;
import dev.afterhours.classifier.classification.CombinedClassifier;
import dev.afterhours.classifier.classification.CombinedClassifier.WordsVerdict;
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
import org.jspecify.annotations.Nullable;

/**
 * The whole decision for one message, in one call: how urgent and why, whether anyone must answer, whether a machine
 * wrote it ({@link CombinedClassifier}: the rules, the word models, the second opinion, the calibration), and where
 * its arrival falls against the client's support hours ({@link AfterHoursClock}). Plain Java: the service finds the
 * client, calls {@link #decide}, and maps the {@link Decision} onto its contract.
 */
public final class ClassifierEngine {

    private final MessageClassifier classifier;
    /** The classifier, where its words can be judged apart from the context (a test's own classifier cannot). */
    private final @Nullable CombinedClassifier combined;
    private final AfterHoursClock hours;

    public ClassifierEngine(MessageClassifier classifier, AfterHoursClock hours) {
        this.classifier = Objects.requireNonNull(classifier, "classifier");
        this.combined = classifier instanceof CombinedClassifier c ? c : null;
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

    /** True when the classifier's words can be judged apart from the context ({@link #words}); a test's own cannot. */
    public boolean judgesWordsApart() {
        return combined != null;
    }

    /**
     * The expensive, context-free part of the decision ({@link CombinedClassifier#words}), to be computed once and
     * given to {@link #decide(MessageReceived, Optional, Instant, WordsVerdict)} by whoever decides next.
     *
     * @throws IllegalStateException unless {@link #judgesWordsApart()}
     */
    public WordsVerdict words(MessageReceived message, Optional<ClientProfile> client) {
        return combined().words(message, client);
    }

    /**
     * {@link #decide(MessageReceived, Optional, Instant)} with the words already judged: equal to it when
     * {@code words} is {@link #words} of this message and this client profile.
     *
     * @throws IllegalStateException unless {@link #judgesWordsApart()}
     */
    public Decision decide(MessageReceived message, Optional<ClientProfile> client, Instant now, WordsVerdict words) {
        return new Decision(combined().classify(message, client, now, words),
                hours.at(message.getReceivedAt(), client));
    }

    private CombinedClassifier combined() {
        if (combined == null) {
            throw new IllegalStateException("the classifier judges no words apart from the context: " + classifier);
        }
        return combined;
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
