package dev.afterhours.classifier.triage;

import dev.afterhours.classifier.classification.Addresses;
import dev.afterhours.classifier.classification.Classification;
import dev.afterhours.classifier.classification.CombinedClassifier.WordsVerdict;
import dev.afterhours.classifier.classification.ContactHistory;
import dev.afterhours.classifier.classification.MessageClassifier;
import dev.afterhours.classifier.engine.ClassifierEngine;
import dev.afterhours.classifier.hours.AfterHours;
import dev.afterhours.classifier.hours.AfterHoursClock;
import dev.afterhours.contracts.ClientProfile;
import dev.afterhours.contracts.Direction;
import dev.afterhours.contracts.MessageClassified;
import dev.afterhours.contracts.MessageReceived;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Turns one received message into its {@link MessageClassified}: finds the client, asks the engine (the decision and
 * the arrival against the client's support hours), and maps its answer onto the contract. The Kafka pipeline and the
 * preview endpoint share this object, so the preview says exactly what the pipeline would.
 *
 * <p>The emergency fast lane classifies ahead of the pipeline ({@link #classifyAhead}) and leaves its words verdict,
 * the expensive part, in {@link WordsVerdicts}; the pipeline ({@link #classifyInTurn}) adds only the context to it
 * where the client profile is still the same, and gives the same decision it would have made alone.
 */
public final class MessageTriage {

    private final ClassifierEngine engine;
    private final ClientDirectory directory;
    private final ContactHistory history;
    private final WordsVerdicts ahead;

    /**
     * @param history the history the engine reads; the pipeline adds to it through {@link #remember}
     * @param ahead   the fast lane's words verdicts, for the pipeline
     */
    public MessageTriage(ClassifierEngine engine, ClientDirectory directory, ContactHistory history,
                         WordsVerdicts ahead) {
        this.engine = engine;
        this.directory = directory;
        this.history = history;
        this.ahead = ahead;
    }

    /** An engine of this classifier and these hours (tests give a classifier of their own). */
    public MessageTriage(MessageClassifier classifier, AfterHoursClock clock, ClientDirectory directory,
                         ContactHistory history) {
        this(new ClassifierEngine(classifier, clock), directory, history,
                new WordsVerdicts(WordsVerdicts.DEFAULT_CAPACITY, new SimpleMeterRegistry()));
    }

    /** The whole decision, judged here and now: the preview's. */
    public MessageClassified classify(MessageReceived message, Instant now) {
        return classified(message, engine.decide(message, clientOf(message), now), now);
    }

    /**
     * The fast lane's decision (it never records): judges the words and keeps them for the pipeline's
     * {@link #classifyInTurn}.
     */
    public MessageClassified classifyAhead(MessageReceived message, Instant now) {
        Optional<ClientProfile> client = clientOf(message);
        if (!engine.judgesWordsApart()) {
            return classified(message, engine.decide(message, client, now), now);
        }
        WordsVerdict words = engine.words(message, client);
        ahead.keep(message, client, words);
        return classified(message, engine.decide(message, client, now, words), now);
    }

    /**
     * The pipeline's decision: equal to {@link #classify}, on the words the fast lane judged of this message when
     * its client profile has not changed since.
     */
    public MessageClassified classifyInTurn(MessageReceived message, Instant now) {
        Optional<ClientProfile> client = clientOf(message);
        if (!engine.judgesWordsApart()) {
            return classified(message, engine.decide(message, client, now), now);
        }
        WordsVerdict words = ahead.take(message, client, () -> engine.words(message, client));
        return classified(message, engine.decide(message, client, now, words), now);
    }

    private static MessageClassified classified(MessageReceived message, ClassifierEngine.Decision decision,
                                                Instant now) {
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
