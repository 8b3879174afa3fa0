package dev.afterhours.classifier.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.afterhours.classifier.model.UrgencyModel;
import dev.afterhours.classifier.text.MessageText;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelTrainingTest {

    private final Corpus corpus = Corpus.load(Path.of("corpus"));

    @Test
    void trainingIsReproducible() throws IOException {
        UrgencyModel first = ModelTraining.train(corpus.train());
        UrgencyModel second = ModelTraining.train(corpus.train());

        assertThat(opinions(second)).isEqualTo(opinions(first));
    }

    /** The word models learn from the train split without the second opinion's examples ({@code wordTrain}). */
    @Test
    void theShippedModelWasTrainedOnThisCorpus() throws IOException {
        UrgencyModel retrained = ModelTraining.train(corpus.wordTrain());

        assertThat(opinions(UrgencyModel.fromClasspath())).isEqualTo(opinions(retrained));
    }

    private List<Object> opinions(UrgencyModel model) {
        return corpus.heldOut().stream()
                .map(m -> (Object) model.judge(m.channel(), MessageText.of(m.subject(), m.body()).own()).urgency())
                .toList();
    }
}
