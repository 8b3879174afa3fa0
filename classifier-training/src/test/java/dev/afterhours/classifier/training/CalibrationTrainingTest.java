package dev.afterhours.classifier.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.afterhours.classifier.model.LabelledMessage;
import dev.afterhours.contracts.Channel;
import dev.afterhours.contracts.Urgency;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** How the thresholds are chosen from out-of-fold verdicts, on small synthetic examples. */
class CalibrationTrainingTest {

    private final List<CalibrationTraining.OutOfFold> judged = new ArrayList<>();
    private int next;

    /** {@code count} messages of {@code language}, each EMERGENCY down to threshold {@code from} / 100. */
    private void add(String language, Urgency label, int count, int from) {
        for (int i = 0; i < count; i++) {
            LabelledMessage message = new LabelledMessage("s-" + next, language, Channel.EMAIL, null, "body", Map.of(),
                    label, true, false, LabelledMessage.TRAIN, null);
            judged.add(new CalibrationTraining.OutOfFold(message, next % CalibrationTraining.FOLDS, language, null,
                    label, from));
            next++;
        }
    }

    @Test
    void eachLanguageGetsTheHighestThresholdThatKeepsRecallAtTheTarget() {
        // en: 60 emergencies caught down to 0.40, 0.41, ..., 0.99: at 0.43 three are missed (57 of 60 = 0.95),
        // at 0.44 four.
        for (int k = 40; k < 100; k++) {
            add("en", Urgency.EMERGENCY, 1, k);
        }
        // de: 57 caught up to 0.80, 3 that no threshold catches (the rules decided otherwise): 0.95 up to 0.80.
        add("de", Urgency.EMERGENCY, 57, 80);
        add("de", Urgency.EMERGENCY, 3, 0);
        // fr: 10 emergencies only, too few for a threshold of its own.
        add("fr", Urgency.EMERGENCY, 10, 70);
        // es: 4 of 60 never caught: recall 0.95 is out of reach whatever the threshold.
        add("es", Urgency.EMERGENCY, 56, 99);
        add("es", Urgency.EMERGENCY, 4, 0);
        // Messages that are no emergency do not change recall, whatever the model made of them.
        add("en", Urgency.NORMAL, 100, 99);
        add("de", Urgency.LOW, 100, 0);

        List<CalibrationTraining.Choice> choices = CalibrationTraining.choose(judged, 0.95, 50);

        // Pooled: 190 emergencies, 181 must be caught; 7 never are, and en's 40, 41, 42 may go: 0.42.
        assertThat(choices).extracting(CalibrationTraining.Choice::language)
                .containsExactly(CalibrationTraining.POOLED, "en", "de", "fr", "es");
        assertThat(choices.get(0).threshold()).isEqualTo(0.42);
        assertThat(choices.get(0).emergencies()).isEqualTo(190);
        assertThat(choices.get(1)).extracting(c -> c.threshold(), c -> c.own()).containsExactly(0.43, true);
        assertThat(choices.get(2)).extracting(c -> c.threshold(), c -> c.own()).containsExactly(0.80, true);
        assertThat(choices.get(3)).extracting(c -> c.threshold(), c -> c.own()).containsExactly(0.42, false);
        assertThat(choices.get(3).why()).contains("10 labelled EMERGENCY, fewer than 50");
        assertThat(choices.get(4)).extracting(c -> c.threshold(), c -> c.own()).containsExactly(0.42, false);
        assertThat(choices.get(4).why()).contains("no threshold reaches recall 0.95");
    }

    @Test
    void theHighestThresholdReachingTheTargetIsTheLastBeforeRecallDropsBelowIt() {
        // 20 emergencies: 19 caught down to 0.50, one down to 0.10. 19/20 = 0.95: 0.50 still reaches it.
        int[] from = new int[20];
        java.util.Arrays.fill(from, 50);
        from[0] = 10;

        assertThat(CalibrationTraining.highestReaching(from, 0.95)).hasValue(50);
        assertThat(CalibrationTraining.highestReaching(from, 0.96)).hasValue(10);
        // One that no threshold catches: 19 of 20 still, down to 0.10.
        from[1] = 0;
        assertThat(CalibrationTraining.highestReaching(from, 0.95)).hasValue(10);
        // Two: 18 of 20 at best.
        from[0] = 0;
        assertThat(CalibrationTraining.highestReaching(from, 0.95)).isEmpty();
    }

    @Test
    void theThresholdAnEmergencyIsCaughtDownToIsFoundByBisection() {
        AtomicInteger asked = new AtomicInteger();
        assertThat(CalibrationTraining.emergencyFrom(k -> asked.incrementAndGet() > 0 && k <= 37)).isEqualTo(37);
        assertThat(asked.get()).isLessThanOrEqualTo(9);
        assertThat(CalibrationTraining.emergencyFrom(k -> true)).isEqualTo(99);
        assertThat(CalibrationTraining.emergencyFrom(k -> false)).isZero();
        assertThat(CalibrationTraining.emergencyFrom(k -> k <= 1)).isEqualTo(1);
    }

    @Test
    void perLanguageThresholdsShipOnlyWhenTheyDoBetterInTheGoalsTerms() {
        CalibrationTraining.Figures pooled = new CalibrationTraining.Figures(0.954, 0.890);

        // As measured on the corpus: lower recall and precision both.
        assertThat(CalibrationTraining.prefer(new CalibrationTraining.Figures(0.948, 0.841), pooled, 0.95)).isFalse();
        // Both reach the target: the more precise.
        assertThat(CalibrationTraining.prefer(new CalibrationTraining.Figures(0.951, 0.91), pooled, 0.95)).isTrue();
        assertThat(CalibrationTraining.prefer(new CalibrationTraining.Figures(0.97, 0.85), pooled, 0.95)).isFalse();
        // Only one reaches the target: that one, whatever the precision.
        CalibrationTraining.Figures short_ = new CalibrationTraining.Figures(0.93, 0.95);
        assertThat(CalibrationTraining.prefer(new CalibrationTraining.Figures(0.95, 0.70), short_, 0.95)).isTrue();
        // Neither does: the higher recall.
        assertThat(CalibrationTraining.prefer(new CalibrationTraining.Figures(0.94, 0.70), short_, 0.95)).isTrue();
        // A tie keeps the pooled threshold.
        assertThat(CalibrationTraining.prefer(pooled, pooled, 0.95)).isFalse();
    }

    @Test
    void brierScoreExpectedCalibrationErrorAndPlattScaling() {
        assertThat(CalibrationTraining.brier(new double[] {1, 0}, new boolean[] {true, false})).isZero();
        assertThat(CalibrationTraining.brier(new double[] {0.5, 0.5}, new boolean[] {true, false})).isEqualTo(0.25);
        // Four messages at 0.8 of which two are labelled: 0.3 off, in one bin.
        assertThat(CalibrationTraining.ece(new double[] {0.8, 0.8, 0.8, 0.8}, new boolean[] {true, true, false, false}))
                .isCloseTo(0.3, within(1e-12));

        // Labels drawn with P = sigmoid(2 logit(p) - 1): Platt finds a = 2, b = -1.
        Random random = new Random(5);
        int n = 50_000;
        double[] p = new double[n];
        boolean[] y = new boolean[n];
        for (int i = 0; i < n; i++) {
            p[i] = 0.02 + 0.96 * random.nextDouble();
            double z = 2 * Math.log(p[i] / (1 - p[i])) - 1;
            y[i] = random.nextDouble() < 1 / (1 + Math.exp(-z));
        }
        double[] ab = CalibrationTraining.platt(p, y);
        assertThat(ab[0]).isCloseTo(2, within(0.1));
        assertThat(ab[1]).isCloseTo(-1, within(0.1));
    }
}
