package dev.afterhours.classifier.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.afterhours.classifier.model.LabelledMessage;
import dev.afterhours.contracts.Urgency;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The shipped classifier (rules and the models the build trained on the train split) on the held-out split, which
 * training never sees. Missing a real emergency loses a client; paging for a trivial one burns out the agency.
 */
class HeldOutEvaluationTest {

    private final Corpus corpus = Corpus.load(Path.of("corpus"));

    /**
     * The product's bar (issue 4): EMERGENCY recall at least 0.95 and precision at least 0.85 on the held-out split.
     * Measured on 549 held-out messages (2026-11-23): recall 0.962, precision 0.867.
     */
    static final double EMERGENCY_RECALL_FLOOR = 0.95;
    static final double EMERGENCY_PRECISION_FLOOR = 0.85;

    @Test
    void emergencyRecallAndPrecisionOnTheHeldOutSplitMeetTheBar() {
        EvaluationReport report = HeldOutEvaluation.evaluate(corpus, HeldOutEvaluation.shippedClassifier());
        System.out.print(report.table());

        assertThat(report.total()).isGreaterThanOrEqualTo(500);
        assertThat(report.recall(Urgency.EMERGENCY)).as("EMERGENCY recall").isGreaterThanOrEqualTo(EMERGENCY_RECALL_FLOOR);
        assertThat(report.precision(Urgency.EMERGENCY)).as("EMERGENCY precision")
                .isGreaterThanOrEqualTo(EMERGENCY_PRECISION_FLOOR);
    }

    @Test
    void theCorpusCoversEveryChannelAndLanguageAndKeepsAHeldOutSplit() {
        assertThat(corpus.all()).hasSizeGreaterThanOrEqualTo(600);
        assertThat(corpus.all()).extracting(LabelledMessage::language).contains("en", "es", "de", "fr");
        assertThat(corpus.all()).extracting(LabelledMessage::channel).contains(dev.afterhours.contracts.Channel.values());
        assertThat(corpus.heldOut().size()).isBetween(corpus.all().size() / 5, corpus.all().size() / 3);
        assertThat(corpus.train()).noneMatch(LabelledMessage::heldOut);
    }
}
