package dev.afterhours.classifier.model;

import static org.assertj.core.api.Assertions.assertThat;

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
     * Precision holds the product's bar (issue 4: at least 0.85). Recall is a regression guard at the level reached,
     * NOT the bar: the bar is 0.95, the shipped decision measured 0.936 on 382 held-out messages (2026-11-23). The
     * guard stops a change from making it worse; raise it to 0.95 when the corpus and the model get there, never
     * lower it.
     */
    static final double EMERGENCY_RECALL_FLOOR = 0.93;
    static final double EMERGENCY_PRECISION_FLOOR = 0.85;

    @Test
    void emergencyRecallAndPrecisionOnTheHeldOutSplitDoNotRegress() {
        EvaluationReport report = HeldOutEvaluation.evaluate(corpus, HeldOutEvaluation.shippedClassifier());
        System.out.print(report.table());

        assertThat(report.total()).isGreaterThanOrEqualTo(350);
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
