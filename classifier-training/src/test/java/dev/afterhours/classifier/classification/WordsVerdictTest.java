package dev.afterhours.classifier.classification;

import static dev.afterhours.classifier.support.Fixtures.client;
import static org.assertj.core.api.Assertions.assertThat;

import dev.afterhours.classifier.classification.CombinedClassifier.WordsVerdict;
import dev.afterhours.classifier.engine.ClassifierEngine;
import dev.afterhours.classifier.model.LabelledMessage;
import dev.afterhours.classifier.training.Corpus;
import dev.afterhours.classifier.training.HeldOutEvaluation;
import dev.afterhours.contracts.ClientProfile;
import dev.afterhours.contracts.MessageReceived;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The words judged ahead (the emergency fast lane's) give the pipeline the decision it would have made alone: over
 * every message of both corpora, with and without a client, and with a contact history that grew after the words
 * were judged.
 */
class WordsVerdictTest {

    private static final Duration APART = Duration.ofMinutes(2);

    @Test
    void theShippedDecisionIsTheSameWithTheWordsJudgedAheadForEveryCorpusMessage() {
        ContactHistory history = new ContactHistory();
        CombinedClassifier shipped = ClassifierEngine.shippedClassifier(history);
        ClientProfile acme = client("acme-shop");
        // An escalation word that corpus replies contain, so that context signal is exercised too.
        ClientProfile escalating = ClientProfile.newBuilder(acme).setEscalationWord("down").build();
        List<Optional<ClientProfile>> clients = List.of(Optional.empty(), Optional.of(acme), Optional.of(escalating));

        Instant start = HeldOutEvaluation.RECEIVED_AT;
        List<LabelledMessage> corpus = Stream.concat(Corpus.load(Path.of("corpus")).all().stream(),
                Corpus.load(Path.of("corpus-holdout")).all().stream()).toList();
        List<MessageReceived> messages = new ArrayList<>();
        // Every words verdict is judged first, with an empty history, as the fast lane judges ahead of the pipeline.
        List<List<WordsVerdict>> ahead = new ArrayList<>();
        for (int i = 0; i < corpus.size(); i++) {
            MessageReceived message = corpus.get(i).toMessage("acme-shop", start.plus(APART.multipliedBy(i)));
            messages.add(message);
            ahead.add(clients.stream().map(client -> shipped.words(message, client)).toList());
        }

        int changedByContext = 0;
        for (int i = 0; i < messages.size(); i++) {
            MessageReceived message = messages.get(i);
            Instant now = message.getReceivedAt().plusSeconds(1);
            for (int c = 0; c < clients.size(); c++) {
                Optional<ClientProfile> client = clients.get(c);
                WordsVerdict words = ahead.get(i).get(c);
                Classification alone = shipped.classify(message, client, now);

                assertThat(shipped.classify(message, client, now, words))
                        .as("%s for %s", message.getMessageId(), client.map(ClientProfile::getEscalationWord))
                        .isEqualTo(alone);
                assertThat(shipped.words(message, client).decided()).as("words judged again, history grown")
                        .isEqualTo(words.decided());
                if (!alone.equals(words.decided())) {
                    changedByContext++;
                }
            }
            // The pipeline records; the next messages see this one as a recent contact.
            history.record(message);
        }
        assertThat(messages).hasSizeGreaterThan(2000);
        assertThat(changedByContext).as("decisions the contact history or escalation word changed")
                .isGreaterThan(100);
    }
}
