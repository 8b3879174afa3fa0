package dev.afterhours.classifier.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.afterhours.classifier.classification.CombinedClassifier;
import dev.afterhours.contracts.Urgency;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The calibration curve (isotonic regression) and the thresholds the build ships with the models. */
class CalibrationTest {

    private static final boolean Y = true;
    private static final boolean N = false;

    @Test
    void poolsAdjacentViolatorsAndShrinksEachBlockByOnePseudoExampleAtTheBaseRate() {
        // Sorted by score: 0 | 1 0 (pooled: 1/2) | 1. Base rate 2/4.
        Calibration.Curve curve = Calibration.Curve.isotonic(new double[] {0.4, 0.1, 0.3, 0.2},
                new boolean[] {Y, N, N, Y});

        assertThat(curve.knots()).isEqualTo(3);
        // Knots at each block's mean score: 0.1, 0.25, 0.4; values (positives + 0.5) / (examples + 1).
        assertThat(curve.apply(0.1)).isCloseTo(0.5 / 2, within(1e-12));
        assertThat(curve.apply(0.25)).isCloseTo(1.5 / 3, within(1e-12));
        assertThat(curve.apply(0.4)).isCloseTo(1.5 / 2, within(1e-12));
        // Straight lines between knots, flat beyond the ends.
        assertThat(curve.apply(0.175)).isCloseTo((0.25 + 0.5) / 2, within(1e-12));
        assertThat(curve.apply(0.0)).isCloseTo(0.25, within(1e-12));
        assertThat(curve.apply(1.0)).isCloseTo(0.75, within(1e-12));
    }

    @Test
    void aScoreThatAlreadyMeansWhatItSaysStaysCloseToItself() {
        Random random = new Random(7);
        int n = 20_000;
        double[] scores = new double[n];
        boolean[] labels = new boolean[n];
        for (int i = 0; i < n; i++) {
            scores[i] = random.nextDouble();
            labels[i] = random.nextDouble() < scores[i];
        }
        Calibration.Curve curve = Calibration.Curve.isotonic(scores, labels);

        for (double p = 0.1; p < 0.95; p += 0.1) {
            assertThat(curve.apply(p)).as("at %.1f", p).isCloseTo(p, within(0.05));
        }
    }

    @Test
    void anUnderConfidentModelIsRaisedWhereItsScoresMeanMore() {
        // Like the word model on cross-validation: of the messages given 0.45, about 70% are emergencies.
        Random random = new Random(11);
        int n = 20_000;
        double[] scores = new double[n];
        boolean[] labels = new boolean[n];
        for (int i = 0; i < n; i++) {
            scores[i] = random.nextDouble();
            labels[i] = random.nextDouble() < Math.min(1, 1.6 * scores[i]);
        }
        Calibration.Curve curve = Calibration.Curve.isotonic(scores, labels);

        assertThat(curve.apply(0.45)).isCloseTo(0.72, within(0.05));
        assertThat(curve.apply(0.9)).isGreaterThan(0.98).isLessThan(1.0);
    }

    @Test
    void theCurveNeverFallsWhateverTheLabels() {
        Random random = new Random(3);
        for (int round = 0; round < 50; round++) {
            int n = 1 + random.nextInt(300);
            double[] scores = new double[n];
            boolean[] labels = new boolean[n];
            for (int i = 0; i < n; i++) {
                // Coarse scores so that ties occur; labels at random, so violators abound.
                scores[i] = Math.round(random.nextDouble() * 20) / 20.0;
                labels[i] = random.nextBoolean();
            }
            Calibration.Curve curve = Calibration.Curve.isotonic(scores, labels);
            double previous = -1;
            for (int k = 0; k <= 1000; k++) {
                double mapped = curve.apply(k / 1000.0);
                assertThat(mapped).isGreaterThanOrEqualTo(previous).isBetween(0.0, 1.0);
                previous = mapped;
            }
        }
    }

    @Test
    void noBlockClaimsCertaintyWhenBothLabelsOccur() {
        Calibration.Curve curve = Calibration.Curve.isotonic(new double[] {0.1, 0.2, 0.8, 0.9},
                new boolean[] {N, N, Y, Y});

        assertThat(curve.apply(0)).isStrictlyBetween(0.0, 0.5);
        assertThat(curve.apply(1)).isStrictlyBetween(0.5, 1.0);
    }

    @Test
    void aCurveMustRiseAndItsValuesMustNotFall() {
        assertThatThrownBy(() -> new Calibration.Curve(new double[] {0.2, 0.1}, new double[] {0, 1}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Calibration.Curve(new double[] {0.1, 0.2}, new double[] {0.5, 0.4}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aLanguageWithoutAThresholdOfItsOwnTakesThePooledOneAndTheReasonSaysWhich() {
        Calibration calibration = new Calibration(curves(), 0.34, Map.of("de", 0.11, "en", 0.85), 0.35);

        assertThat(calibration.threshold("de").value()).isEqualTo(0.11);
        assertThat(calibration.threshold("de").describe()).isEqualTo("threshold 0.11 for de");
        assertThat(calibration.threshold("fr").value()).isEqualTo(0.34);
        assertThat(calibration.threshold("fr").describe()).isEqualTo("pooled threshold 0.34, language fr");
        assertThat(calibration.threshold(Language.UNDETERMINED).describe())
                .isEqualTo("pooled threshold 0.34, language undetermined");
        assertThat(Calibration.identity(0.3).threshold("de").describe()).isEqualTo("threshold 0.30 for every language");
    }

    @Test
    void theCandidatesChosenButNotShippedApplyOnlyWhenAskedFor() {
        Calibration shipped = new Calibration(curves(), 0.34, Map.of(), Map.of("de", 0.11), 0.35);

        assertThat(shipped.threshold("de").value()).isEqualTo(0.34);
        assertThat(shipped.withCandidates().threshold("de").value()).isEqualTo(0.11);
    }

    @Test
    void writtenAndReadBackItIsTheSame() throws IOException {
        Calibration calibration = new Calibration(curves(), 0.34, Map.of("de", 0.11), Map.of("de", 0.11, "es", 0.2),
                0.35);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        calibration.write(bytes);

        Calibration read = Calibration.read(new ByteArrayInputStream(bytes.toByteArray()));

        assertThat(read).isEqualTo(calibration);
        assertThat(read.emergency(0.42)).isEqualTo(calibration.emergency(0.42));
        assertThatThrownBy(() -> Calibration.read(new ByteArrayInputStream(new byte[] {1, 2, 3, 4, 5, 6, 7, 8})))
                .isInstanceOf(IOException.class);
    }

    @Test
    void theShippedCalibrationIsAMonotoneMapWithAThresholdForEveryLanguage() {
        Calibration shipped = Calibration.fromClasspath();

        assertThat(shipped.calibrated()).isTrue();
        assertThat(shipped.anchor()).isEqualTo(CombinedClassifier.CASCADE_EMERGENCY_THRESHOLD);
        for (Urgency u : Urgency.values()) {
            double previous = -1;
            for (int k = 0; k <= 100; k++) {
                double mapped = shipped.probability(u, k / 100.0);
                assertThat(mapped).isGreaterThanOrEqualTo(previous).isBetween(0.0, 1.0);
                previous = mapped;
            }
        }
        for (String language : Language.KNOWN) {
            assertThat(shipped.threshold(language).value()).isStrictlyBetween(0.0, 1.0);
        }
        assertThat(shipped.candidates()).containsOnlyKeys(Language.KNOWN);
    }

    private static Calibration.Curve[] curves() {
        Calibration.Curve[] curves = new Calibration.Curve[Urgency.values().length];
        for (Urgency u : Urgency.values()) {
            curves[u.ordinal()] = Calibration.Curve.isotonic(new double[] {0.1, 0.3, 0.5, 0.9},
                    new boolean[] {N, N, Y, Y});
        }
        return curves;
    }
}
