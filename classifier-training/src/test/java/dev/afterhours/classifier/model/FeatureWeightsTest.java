package dev.afterhours.classifier.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.afterhours.classifier.text.MessageText;
import dev.afterhours.classifier.training.Corpus;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The shipped models' own table of weights gives OpenNLP's probabilities exactly, on every corpus message. */
class FeatureWeightsTest {

    private static final UrgencyModel MODEL = UrgencyModel.fromClasspath();

    @Test
    void scoresEveryCorpusMessageExactlyAsOpenNlpDoes() {
        FeatureWeights weights = MODEL.weights();
        for (LabelledMessage message : Corpus.load(Path.of("corpus")).all()) {
            String own = MessageText.of(message.subject(), message.body()).own();
            Set<String> features = TextFeatures.features(TextFeatures.document(message.channel().name(), own));
            String[] context = features.toArray(String[]::new);

            FeatureWeights.Scores scores = weights.score(message.channel().name(), TextFeatures.tokens(own));

            assertThat(scores.urgency()).as(message.id()).containsExactly(MODEL.urgencyModel().eval(context));
            assertThat(scores.kind()).as(message.id()).containsExactly(MODEL.kindModel().eval(context));
            assertThat(scores.evidence().stream().map(FeatureWeights.Feature::name).toList()).as(message.id())
                    .isEqualTo(features.stream().filter(weights::knows).toList());
        }
    }

    @Test
    void aWordRepeatedCountsOnceAsInTheFeatureSet() {
        FeatureWeights weights = MODEL.weights();
        List<String> once = TextFeatures.tokens("the checkout is broken");
        List<String> twice = TextFeatures.tokens("the checkout is broken the checkout is broken");
        String[] context = TextFeatures.features(TextFeatures.document("EMAIL", "the checkout is broken the checkout "
                + "is broken")).toArray(String[]::new);

        assertThat(weights.score("EMAIL", twice).urgency()).containsExactly(MODEL.urgencyModel().eval(context));
        // "broken the" is a new bigram, so the repeat is not the same message; but no feature counts twice.
        assertThat(weights.score("EMAIL", twice).evidence()).doesNotHaveDuplicates();
        assertThat(weights.score("EMAIL", once).evidence()).doesNotHaveDuplicates();
    }
}
