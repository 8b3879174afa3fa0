package dev.afterhours.classifier.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.afterhours.classifier.classification.Classification;
import dev.afterhours.classifier.classification.CombinedClassifier;
import dev.afterhours.classifier.classification.ContactHistory;
import dev.afterhours.classifier.classification.RuleBasedClassifier;
import dev.afterhours.classifier.training.Corpus;
import dev.afterhours.classifier.training.HeldOutEvaluation;
import dev.afterhours.contracts.Urgency;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The nearest labelled examples: the distilled sentence vectors, the vote, and the explanation that names them. */
class SecondOpinionTest {

    private static final TokenVectors TOKENS = SecondOpinion.tokensFromClasspath();
    private static final SecondOpinion SHIPPED = SecondOpinion.fromClasspath();

    @Test
    void wordPiecesFollowBertUncased() {
        WordPieces pieces = new WordPieces(Map.of("check", 1, "##out", 2, "broken", 3, "!", 4, "cafe", 5));

        assertThat(WordPieces.words("Checkout BROKEN!  Café")).containsExactly("checkout", "broken", "!", "cafe");
        assertThat(pieces.ids("Checkout broken! zzz café")).containsExactly(1, 2, 3, 4, 5);
    }

    @Test
    void messagesThatMeanTheSameAreNearerThanMessagesThatDoNot() {
        float[] outage = TOKENS.embed("the website is down, customers cannot order anything");
        float[] sameMeaning = TOKENS.embed("our shop is offline and nobody can buy");
        float[] unrelated = TOKENS.embed("can you send me the invoice for october please");

        assertThat(dot(outage, sameMeaning)).isGreaterThan(dot(outage, unrelated));
    }

    @Test
    void theVoteIsAProbabilityAndNamesItsNeighboursMostSimilarFirst() {
        NearestExamples.Vote vote = SHIPPED.consult("the site is down, nobody can pay");

        assertThat(vote.nearest()).hasSize(SecondOpinion.K);
        assertThat(vote.nearest().get(0).similarity()).isGreaterThanOrEqualTo(vote.nearest().get(1).similarity());
        assertThat(vote.urgency().values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1.0,
                org.assertj.core.data.Offset.offset(1e-9));
        assertThat(vote.urgency().get(Urgency.EMERGENCY)).isGreaterThan(vote.urgency().get(Urgency.LOW));
    }

    @Test
    void theTablesSurviveTheirFileFormat() throws IOException {
        Corpus corpus = Corpus.load(Path.of("corpus"));
        NearestExamples built = NearestExamples.of(corpus.train().subList(0, 50), TOKENS);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        built.write(bytes);
        NearestExamples read = NearestExamples.read(new ByteArrayInputStream(bytes.toByteArray()));

        float[] query = TOKENS.embed("checkout broken");
        assertThat(read.vote(query, 3)).isEqualTo(built.vote(query, 3));
    }

    @Test
    void aDecisionTheWordsAreUnsureOfNamesTheNearestLabelledExamples() {
        CombinedClassifier classifier = new CombinedClassifier(new RuleBasedClassifier(), UrgencyModel.fromClasspath(),
                new SecondOpinion(TOKENS, NearestExamples.of(Corpus.load(Path.of("corpus")).train(), TOKENS)),
                new CombinedClassifier.Cascade(1.01, 1, 0.3), new ContactHistory(),
                CombinedClassifier.CASCADE_EMERGENCY_THRESHOLD);
        LabelledMessage message = new LabelledMessage("t-1", "en", dev.afterhours.contracts.Channel.SMS, null,
                "hey, quick one: is our call still on for tomorrow?", Map.of(), Urgency.NORMAL, true, false, "test",
                null);

        Classification verdict = classifier.classify(message.toMessage("acme", HeldOutEvaluation.RECEIVED_AT),
                Optional.empty(), HeldOutEvaluation.RECEIVED_AT);

        assertThat(verdict.reasons()).anyMatch(r -> r.startsWith("words unsure, nearest labelled examples"));
    }

    private static double dot(float[] a, float[] b) {
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
        }
        return dot;
    }
}
