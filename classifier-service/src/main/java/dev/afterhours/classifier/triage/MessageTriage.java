package dev.afterhours.classifier.triage;

import dev.afterhours.classifier.classification.Addresses;
import dev.afterhours.classifier.classification.Classification;
import dev.afterhours.classifier.classification.ContactHistory;
import dev.afterhours.classifier.classification.MessageClassifier;
import dev.afterhours.classifier.engine.ClassifierEngine;
import dev.afterhours.classifier.hours.AfterHours;
import dev.afterhours.classifier.hours.AfterHoursClock;
import dev.afterhours.contracts.ClientProfile;
import dev.afterhours.contracts.Direction;
import dev.afterhours.contracts.MessageClassified;
import dev.afterhours.contracts.MessageReceived;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Turns one received message into its {@link MessageClassified}: finds the client, asks the engine (the decision and
 * the arrival against the client's support hours), and maps its answer onto the contract. The Kafka pipeline and the
 * preview endpoint share this object, so the preview says exactly what the pipeline would.
 */
public final class MessageTriage {

    private final ClassifierEngine engine;
    private final ClientDirectory directory;
    private final ContactHistory history;

    /** @param history the history the engine reads; the pipeline adds to it through {@link #remember} */
    public MessageTriage(ClassifierEngine engine, ClientDirectory directory, ContactHistory history) {
        this.engine = engine;
        this.directory = directory;
        this.history = history;
    }

    /** An engine of this classifier and these hours (tests give a classifier of their own). */
    public MessageTriage(MessageClassifier classifier, AfterHoursClock clock, ClientDirectory directory,
                         ContactHistory history) {
        this(new ClassifierEngine(classifier, clock), directory, history);
    }

    public MessageClassified classify(MessageReceived message, Instant now) {
        ClassifierEngine.Decision decision = engine.decide(message, clientOf(message), now);
        Classification classification = decision.classification();
        AfterHours afterHours = decision.afterHours();
        return MessageClassified.newBuilder()
                .setMessageId(message.getMessageId())
                .setClientId(message.getClientId())
                .setConversationId(message.getConversationId())
                .setUrgency(classification.urgency())
                .setConfidence(classification.confidence())
                .setReasons(classification.reasons())
                .setNeedsResponse(classification.needsResponse())
                .setAutoReply(classification.autoReply())
                .setAfterHoursStatus(afterHours.status())
                .setClientLocalTime(afterHours.clientLocalTime())
                .setClassifiedAt(now)
                .setMessage(message)
                .build();
    }

    /**
     * Remembers a classified message for the signals that span messages (repeated contacts, missed calls, open
     * conversations). Only the pipeline calls this, never the preview; a message remembered twice counts once.
     */
    public void remember(MessageClassified classified) {
        if (isContact(classified)) {
            history.record(classified.getMessage());
        }
    }

    /** {@link #remember} for a classification read back from the classified topic, e.g. after a restart. */
    public void rememberReplayed(MessageClassified classified, Instant now) {
        if (isContact(classified)) {
            history.recordIfRecent(classified.getMessage(), now);
        }
    }

    /** A person's inbound message: what the repeat, missed-call and open-conversation signals count. */
    private static boolean isContact(MessageClassified classified) {
        return classified.getMessage().getDirection() == Direction.INBOUND && !classified.getAutoReply();
    }

    /**
     * The client by id; for a message ingest could not resolve, the client owning the dedicated emergency line it
     * was sent to, so a stranger calling a client's emergency number still pages someone. The clientId of the
     * message is left as ingest set it.
     */
    Optional<ClientProfile> clientOf(MessageReceived message) {
        Optional<ClientProfile> byId = directory.client(message.getClientId());
        if (byId.isPresent()) {
            return byId;
        }
        return directory.clients().stream()
                .filter(c -> c.getEmergencyLines().stream().anyMatch(line ->
                        Stream.concat(Stream.of(message.getFrom()), message.getTo().stream())
                                .anyMatch(address -> Addresses.same(address, line))))
                .findFirst();
    }
}
