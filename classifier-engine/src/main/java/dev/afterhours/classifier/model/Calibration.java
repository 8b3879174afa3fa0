package dev.afterhours.classifier.model;

import dev.afterhours.contracts.Urgency;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What the model's probabilities mean, and where EMERGENCY starts, language by language (issue 13 part 3).
 *
 * <p>A {@link Curve} per urgency maps the model's probability of it (after the second opinion's blend, where it
 * was asked) to how often a message given that probability is labelled so: isotonic regression on out-of-fold
 * predictions of the train split ({@link CalibrationTraining}). The EMERGENCY threshold is on that calibrated
 * probability, one per language ({@link Language}) that has enough examples, and a pooled one for the others.
 * The build writes it beside the models ({@link ModelTraining}); the classifier reads it from the classpath.
 *
 * <p>{@link #identity(double)} calibrates nothing and has one threshold for every language: the classifier as it
 * was before, for comparison and for choosing thresholds by cross-validation.
 */
public final class Calibration {

    public static final String RESOURCE = "calibration.bin";
    private static final int MAGIC = 0x4143_4131;
    private static final int VERSION = 1;

    private final Curve @Nullable [] curves;
    private final double pooled;
    private final Map<String, Double> byLanguage;
    private final Map<String, Double> candidates;
    private final double anchor;

    /**
     * @param curves     one per urgency, in {@link Urgency} order; null: the identity
     * @param pooled     the EMERGENCY threshold (on the calibrated probability) of a language without its own
     * @param byLanguage the thresholds of the languages that have their own
     * @param anchor     the word model's EMERGENCY probability (before calibration) around which the second opinion
     *                   is asked: where the cascade was tuned, so that calibrating does not move who is asked
     */
    public Calibration(Curve @Nullable [] curves, double pooled,
                       Map<String, Double> byLanguage, double anchor) {
        this(curves, pooled, byLanguage, byLanguage, anchor);
    }

    /**
     * @param candidates the thresholds per language chosen but not shipped ({@link CalibrationTraining#prefer}):
     *                   kept for {@link #withCandidates()}, never applied otherwise
     */
    public Calibration(Curve @Nullable [] curves, double pooled, Map<String, Double> byLanguage,
                       Map<String, Double> candidates, double anchor) {
        if (curves != null && curves.length != Urgency.values().length) {
            throw new IllegalArgumentException("one curve per urgency, got " + curves.length);
        }
        if (!(pooled > 0 && pooled < 1) || !(anchor > 0 && anchor < 1)) {
            throw new IllegalArgumentException("thresholds are probabilities between 0 and 1, got pooled " + pooled
                    + ", anchor " + anchor);
        }
        this.curves = curves == null ? null : curves.clone();
        this.pooled = pooled;
        this.byLanguage = Map.copyOf(byLanguage);
        this.candidates = Map.copyOf(candidates);
        this.anchor = anchor;
    }

    /**
     * The same calibration with the thresholds per language that were chosen and not shipped: to score what they
     * would have done ({@code HeldOutEvaluation ... perlanguage}).
     */
    public Calibration withCandidates() {
        return new Calibration(curves, pooled, candidates, candidates, anchor);
    }

    /** No calibration and one EMERGENCY threshold for every language (the second opinion asked around it). */
    public static Calibration identity(double threshold) {
        return new Calibration(null, threshold, Map.of(), threshold);
    }

    /** The calibration the build fitted into this module's classes. */
    public static Calibration fromClasspath() {
        try (InputStream in = Calibration.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath next to "
                        + Calibration.class.getName() + "; the build writes it (ModelTraining) in process-classes");
            }
            return read(new BufferedInputStream(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** Whether the probabilities are calibrated (false for {@link #identity}). */
    public boolean calibrated() {
        return curves != null;
    }

    /** The calibrated probability of {@code urgency}, given the model's. */
    public double probability(Urgency urgency, double model) {
        return curves == null ? model : curves[urgency.ordinal()].apply(model);
    }

    /** The calibrated probability of EMERGENCY, given the model's. */
    public double emergency(double model) {
        return probability(Urgency.EMERGENCY, model);
    }

    public Curve curve(Urgency urgency) {
        return curves == null ? Curve.IDENTITY : curves[urgency.ordinal()];
    }

    /** The threshold of a message in {@code language} ({@link Language#detect}). */
    public Threshold threshold(String language) {
        Double own = byLanguage.get(language);
        if (own != null) {
            return new Threshold(own, language, true, false);
        }
        return new Threshold(pooled, language, false, curves == null && byLanguage.isEmpty());
    }

    public double pooled() {
        return pooled;
    }

    /** The languages with a threshold of their own, in {@link Language#KNOWN} order. */
    public Map<String, Double> byLanguage() {
        return ordered(byLanguage);
    }

    /** The thresholds per language that were chosen, shipped or not. */
    public Map<String, Double> candidates() {
        return ordered(candidates);
    }

    private static Map<String, Double> ordered(Map<String, Double> thresholds) {
        Map<String, Double> ordered = new LinkedHashMap<>();
        Language.KNOWN.stream().filter(thresholds::containsKey).forEach(l -> ordered.put(l, thresholds.get(l)));
        return ordered;
    }

    public double anchor() {
        return anchor;
    }

    /**
     * The EMERGENCY threshold a message was judged against.
     *
     * @param value    on the calibrated probability
     * @param language the message's language
     * @param own      whether the language has a threshold of its own (otherwise it is the pooled one)
     * @param single   whether the probabilities are uncalibrated, with one threshold for every language
     *                 ({@link #identity})
     */
    public record Threshold(double value, String language, boolean own, boolean single) {

        /**
         * For a reason: "threshold 0.41 for de" (the language's own), "pooled threshold 0.34, language de" (the
         * language has none of its own), "pooled threshold 0.34, language undetermined", "threshold 0.30 for
         * every language" (uncalibrated).
         */
        public String describe() {
            if (single) {
                return String.format(Locale.ROOT, "threshold %.2f for every language", value);
            }
            if (own) {
                return String.format(Locale.ROOT, "threshold %.2f for %s", value, language);
            }
            return String.format(Locale.ROOT, "pooled threshold %.2f, language %s", value,
                    Language.UNDETERMINED.equals(language) ? "undetermined" : language);
        }
    }

    public void write(OutputStream out) throws IOException {
        DataOutputStream data = new DataOutputStream(out);
        data.writeInt(MAGIC);
        data.writeInt(VERSION);
        data.writeDouble(anchor);
        data.writeDouble(pooled);
        data.writeBoolean(curves != null);
        if (curves != null) {
            for (Curve curve : curves) {
                curve.write(data);
            }
        }
        writeThresholds(data, byLanguage());
        writeThresholds(data, candidates());
        data.flush();
    }

    private static void writeThresholds(DataOutputStream data, Map<String, Double> thresholds) throws IOException {
        data.writeInt(thresholds.size());
        for (Map.Entry<String, Double> e : thresholds.entrySet()) {
            data.writeUTF(e.getKey());
            data.writeDouble(e.getValue());
        }
    }

    private static Map<String, Double> readThresholds(DataInputStream data) throws IOException {
        int languages = data.readInt();
        Map<String, Double> thresholds = new LinkedHashMap<>();
        for (int i = 0; i < languages; i++) {
            thresholds.put(data.readUTF(), data.readDouble());
        }
        return thresholds;
    }

    public static Calibration read(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        if (data.readInt() != MAGIC) {
            throw new IOException("not a calibration file");
        }
        int version = data.readInt();
        if (version != VERSION) {
            throw new IOException("calibration file version " + version + ", expected " + VERSION + "; rebuild");
        }
        double anchor = data.readDouble();
        double pooled = data.readDouble();
        Curve @Nullable [] curves = null;
        if (data.readBoolean()) {
            curves = new Curve[Urgency.values().length];
            for (int u = 0; u < curves.length; u++) {
                curves[u] = Curve.read(data);
            }
        }
        Map<String, Double> byLanguage = readThresholds(data);
        return new Calibration(curves, pooled, byLanguage, readThresholds(data), anchor);
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof Calibration c && Arrays.equals(curves, c.curves) && pooled == c.pooled
                && byLanguage.equals(c.byLanguage) && candidates.equals(c.candidates) && anchor == c.anchor;
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(curves), pooled, byLanguage, candidates, anchor);
    }

    /**
     * A non-decreasing map from a probability to a probability: straight lines between knots, flat beyond the
     * first and the last. Isotonic regression gives a step per block of pooled adjacent values; the knots sit at
     * each block's mean score, so the map rises between blocks instead of jumping, and two messages the model told
     * apart stay apart (ties only beyond the end knots).
     */
    public static final class Curve {

        static final Curve IDENTITY = new Curve(new double[] {0, 1}, new double[] {0, 1});

        private final double[] x;
        private final double[] y;

        Curve(double[] x, double[] y) {
            if (x.length == 0 || x.length != y.length) {
                throw new IllegalArgumentException("a curve needs as many values as knots, and one at least");
            }
            for (int i = 1; i < x.length; i++) {
                if (!(x[i] > x[i - 1]) || y[i] < y[i - 1]) {
                    throw new IllegalArgumentException("knots must rise and values must not fall, at knot " + i);
                }
            }
            this.x = x.clone();
            this.y = y.clone();
        }

        /**
         * Isotonic regression by pool-adjacent-violators: the non-decreasing step function of the score closest
         * (least squares) to the labels, each equal score one point. Then each block's share is shrunk by one
         * pseudo-example at the overall share ({@code (positives + base) / (examples + 1)}), so that no probability
         * is exactly 0 or 1 (a block of 300 emergencies says 0.997, not certainty), and kept non-decreasing.
         *
         * @param scores   the model's probability for each example
         * @param positive whether each example is labelled with the outcome
         */
        public static Curve isotonic(double[] scores, boolean[] positive) {
            if (scores.length == 0 || scores.length != positive.length) {
                throw new IllegalArgumentException("one label per score, and one score at least");
            }
            Integer[] order = new Integer[scores.length];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            Arrays.sort(order, Comparator.comparingDouble(i -> scores[i]));
            double[] sumX = new double[scores.length];
            double[] sumY = new double[scores.length];
            double[] weight = new double[scores.length];
            int blocks = 0;
            for (int k = 0; k < order.length; ) {
                double score = scores[order[k]];
                double labelled = 0;
                int n = 0;
                while (k < order.length && scores[order[k]] == score) {
                    labelled += positive[order[k]] ? 1 : 0;
                    n++;
                    k++;
                }
                sumX[blocks] = score * n;
                sumY[blocks] = labelled;
                weight[blocks] = n;
                blocks++;
                // Pool while the block before has a higher mean: the fit must not fall.
                while (blocks > 1 && sumY[blocks - 2] / weight[blocks - 2] >= sumY[blocks - 1] / weight[blocks - 1]) {
                    sumX[blocks - 2] += sumX[blocks - 1];
                    sumY[blocks - 2] += sumY[blocks - 1];
                    weight[blocks - 2] += weight[blocks - 1];
                    blocks--;
                }
            }
            double base = 0;
            for (boolean p : positive) {
                base += p ? 1 : 0;
            }
            base /= positive.length;
            double[] x = new double[blocks];
            double[] y = new double[blocks];
            for (int b = 0; b < blocks; b++) {
                x[b] = sumX[b] / weight[b];
                // Shrinking a small block can undo the order (5 of 5 is 0.86 beside 990 of 1000 at 0.99): keep it.
                y[b] = Math.max(b == 0 ? 0 : y[b - 1], (sumY[b] + base) / (weight[b] + 1));
            }
            return new Curve(x, y);
        }

        public double apply(double p) {
            if (p <= x[0]) {
                return y[0];
            }
            int last = x.length - 1;
            if (p >= x[last]) {
                return y[last];
            }
            int at = Arrays.binarySearch(x, p);
            if (at >= 0) {
                return y[at];
            }
            int right = -at - 1;
            int left = right - 1;
            double t = (p - x[left]) / (x[right] - x[left]);
            return y[left] + t * (y[right] - y[left]);
        }

        /** The knots, for the report. */
        public int knots() {
            return x.length;
        }

        void write(DataOutputStream data) throws IOException {
            data.writeInt(x.length);
            for (int i = 0; i < x.length; i++) {
                data.writeDouble(x[i]);
                data.writeDouble(y[i]);
            }
        }

        static Curve read(DataInputStream data) throws IOException {
            int n = data.readInt();
            double[] x = new double[n];
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = data.readDouble();
                y[i] = data.readDouble();
            }
            return new Curve(x, y);
        }

        @Override
        public boolean equals(@Nullable Object other) {
            return other instanceof Curve c && Arrays.equals(x, c.x) && Arrays.equals(y, c.y);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(x) + Arrays.hashCode(y);
        }
    }
}
