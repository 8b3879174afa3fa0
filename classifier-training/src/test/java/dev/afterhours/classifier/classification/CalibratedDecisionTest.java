package dev.afterhours.classifier.classification;

import dev.afterhours.classifier.text.MessageText;
import static dev.afterhours.classifier.support.Fixtures.client;
import static dev.afterhours.classifier.support.Fixtures.message;
import static org.assertj.core.api.Assertions.assertThat;

import dev.afterhours.classifier.model.Calibration;
import dev.afterhours.classifier.model.Language;
import dev.afterhours.classifier.model.UrgencyModel;
import dev.afterhours.contracts.Channel;
import dev.afterhours.contracts.ClientProfile;
import dev.afterhours.contracts.Urgency;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The decision holds the model's calibrated EMERGENCY probability to the threshold of the message's language, and
 * says which. The thresholds here are set just either side of what the trained model gives the message, so the
 * tests hold whatever the model learns, and fail if the decision used any other language's threshold.
 */
class CalibratedDecisionTest {

    private static final UrgencyModel MODEL = UrgencyModel.fromClasspath();
    private static final Instant NIGHT = Instant.parse("2026-11-24T08:00:00Z");
    private static final double ANCHOR = CombinedClassifier.CASCADE_EMERGENCY_THRESHOLD;
    /** Nothing in it a rule calls urgent; the model gives it something between clearly not and clearly so. */
    private static final String GERMAN =
            "Hallo, die Bilder auf der Startseite werden nicht mehr angezeigt, seit heute Morgen.";
    private static final String ENGLISH =
            "Hi, the pictures on the home page are not showing any more since this morning.";

    private static double model(String body) {
        return MODEL.judge(Channel.EMAIL, MessageText.of(null, body).own()).probability(Urgency.EMERGENCY);
    }

    private static Classification classify(Calibration calibration, String body, Optional<ClientProfile> client) {
        // The words alone (no second opinion), so the probability is the model's, as model() computes it.
        return new CombinedClassifier(new RuleBasedClassifier(), MODEL, null, CombinedClassifier.Cascade.SHIPPED,
                new ContactHistory(), calibration).classify(message("acme-shop", null, body).build(), client, NIGHT);
    }

    private static String threshold(double value, String language) {
        return String.format(Locale.ROOT, "threshold %.2f for %s", value, language);
    }

    @Test
    void aGermanMessageIsHeldToTheGermanThreshold() {
        double p = model(GERMAN);
        assertThat(p).isBetween(0.1, 0.9);
        assertThat(Language.detect(MessageText.of(null, GERMAN).own())).isEqualTo("de");
        double below = p - 0.05;
        double above = p + 0.05;

        // The pooled threshold would say no, German's says yes.
        Classification low = classify(new Calibration(null, 0.99, Map.of("de", below), ANCHOR), GERMAN,
                Optional.empty());
        assertThat(low.urgency()).isEqualTo(Urgency.EMERGENCY);
        assertThat(low.reasons()).anyMatch(r -> r.startsWith("reads like EMERGENCY")
                && r.contains(threshold(below, "de")));

        // The pooled threshold would say yes, German's says no; the reason still names it.
        Classification high = classify(new Calibration(null, 0.01, Map.of("de", above), ANCHOR), GERMAN,
                Optional.empty());
        assertThat(high.urgency()).isNotEqualTo(Urgency.EMERGENCY);
        assertThat(high.reasons()).anyMatch(r -> r.contains(String.format(Locale.ROOT, "EMERGENCY %.2f, ", p))
                && r.contains(threshold(above, "de")));
    }

    @Test
    void aLanguageWithoutAThresholdOfItsOwnIsHeldToThePooledOne() {
        double p = model(ENGLISH);
        assertThat(p).isBetween(0.02, 0.98);
        Calibration germanOnly = new Calibration(null, p + 0.01, Map.of("de", 0.01), ANCHOR);

        Classification english = classify(germanOnly, ENGLISH, Optional.empty());

        assertThat(english.urgency()).isNotEqualTo(Urgency.EMERGENCY);
        assertThat(english.reasons()).anyMatch(r -> r.contains(String.format(Locale.ROOT,
                "pooled threshold %.2f, language en", p + 0.01)));
    }

    @Test
    void whenTheWordsNameNoLanguageTheClientsLanguageDecides() {
        String terse = "bilder weg!!";
        double p = model(terse);
        assertThat(Language.detect(MessageText.of(null, terse).own())).isEqualTo(Language.UNDETERMINED);
        Calibration germanLow = new Calibration(null, 0.99, Map.of("de", Math.max(0.001, p - 0.01)), ANCHOR);
        ClientProfile german = ClientProfile.newBuilder(client("acme-shop")).setLanguage("de").build();

        assertThat(classify(germanLow, terse, Optional.of(german)).urgency()).isEqualTo(Urgency.EMERGENCY);
        assertThat(classify(germanLow, terse, Optional.empty()).urgency()).isNotEqualTo(Urgency.EMERGENCY);
    }

    @Test
    void theConfidenceOfTheModelsEmergencyIsTheCalibratedProbability() {
        double p = model(GERMAN);
        // A curve that doubles the model's probability (capped): what an under-confident model needs.
        double[] scores = new double[2000];
        boolean[] labels = new boolean[2000];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = (i + 0.5) / scores.length;
            labels[i] = (i * 7919 % 1000) / 1000.0 < Math.min(1, 2 * scores[i]);
        }
        Calibration.Curve[] curves = new Calibration.Curve[Urgency.values().length];
        java.util.Arrays.fill(curves, Calibration.Curve.isotonic(scores, labels));
        Calibration doubling = new Calibration(curves, 0.99, Map.of("de", 0.05), ANCHOR);
        double calibrated = doubling.emergency(p);
        assertThat(calibrated).isGreaterThan(p + 0.05);

        Classification verdict = classify(doubling, GERMAN, Optional.empty());

        assertThat(verdict.urgency()).isEqualTo(Urgency.EMERGENCY);
        assertThat(verdict.confidence()).isEqualTo(calibrated);
        assertThat(verdict.reasons()).anyMatch(r -> r.startsWith(String.format(Locale.ROOT,
                "reads like EMERGENCY (calibrated %.2f, threshold 0.05 for de)", calibrated)));
    }
}
