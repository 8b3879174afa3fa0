package dev.afterhours.classifier.training;

import dev.afterhours.classifier.classification.CombinedClassifier;
import dev.afterhours.classifier.classification.ContactHistory;
import dev.afterhours.classifier.classification.RuleBasedClassifier;
import dev.afterhours.classifier.model.Calibration;
import dev.afterhours.classifier.model.LabelledMessage;
import dev.afterhours.classifier.model.Language;
import dev.afterhours.classifier.model.NearestExamples;
import dev.afterhours.classifier.model.SecondOpinion;
import dev.afterhours.classifier.model.TokenVectors;
import dev.afterhours.classifier.model.UrgencyModel;
import dev.afterhours.contracts.MessageReceived;
import dev.afterhours.contracts.Urgency;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Fits the {@link Calibration} the build ships (issue 13 part 3), from out-of-fold predictions of the train split:
 *
 * <ol>
 *   <li>Five folds (message {@code i} in fold {@code i % 5}, as {@link HeldOutEvaluation} cross-validates). For each,
 *       the word models and the nearest examples are trained on the other four, and each message of the fold is
 *       judged by the decision with the shipped cascade: the model's probability of each urgency (blended with the
 *       second opinion's vote where the words were unsure), its language ({@link Language}), and the verdict.</li>
 *   <li>Isotonic regression of each urgency's label on those out-of-fold probabilities gives the curves. Messages
 *       the rules decide without the model (staff replies, auto-replies, emergency lines, newsletters, recovery
 *       notices) are left out: the model's probability is never read for them.</li>
 *   <li>Each message is judged again by its fold's models, now calibrated, with one threshold for every language
 *       from 0.01 to 0.99 in steps of 0.01: {@link OutOfFold#emergencyFrom()} is the highest at which the whole
 *       decision (rules, model, impact) still says EMERGENCY. A language's threshold is the highest at which
 *       {@value #TARGET_RECALL} of its labelled EMERGENCY messages still are ({@link #choose}); a language with
 *       fewer than {@value #MIN_EMERGENCIES} labelled EMERGENCY messages, or one where no threshold reaches the
 *       target (its misses are the rules', which no threshold lowers), takes the pooled threshold, chosen the same
 *       way on every language together.</li>
 *   <li>The thresholds per language ship only if, chosen on four folds and scored on the fifth, they do better
 *       than the pooled threshold alone in the goal's terms ({@link #prefer}); otherwise the pooled one serves every
 *       language, and the chosen ones stay in the file as {@link Calibration#candidates()}.</li>
 * </ol>
 *
 * The report ({@link #report}) gives the reliability curve before and after, Brier score and expected calibration
 * error, Platt scaling for comparison, and the thresholds with what they did on the folds.
 */
public final class CalibrationTraining {

    public static final int FOLDS = 5;
    public static final double TARGET_RECALL = 0.95;
    /** Labelled EMERGENCY messages a language needs for a threshold of its own. */
    public static final int MIN_EMERGENCIES = 50;
    /** Thresholds are k / STEPS for k from 1 to STEPS - 1. */
    static final int STEPS = 100;
    private static final int BINS = 10;
    private static final Instant RECEIVED_AT = HeldOutEvaluation.RECEIVED_AT;

    private CalibrationTraining() {
    }

    /**
     * One message of the train split, judged by the models of the four folds that did not contain it.
     *
     * @param model         the model's probability of each urgency ({@link Urgency} order), before calibration;
     *                      null where the rules decided alone
     * @param before        the verdict of the decision before calibration (one threshold, 0.35, for every language)
     * @param emergencyFrom the highest k for which the calibrated decision with threshold k / 100 says EMERGENCY;
     *                      0 if none does
     */
    public record OutOfFold(LabelledMessage message, int fold, String language, double @Nullable [] model,
                            Urgency before, int emergencyFrom) {

        boolean emergency() {
            return message.urgency() == Urgency.EMERGENCY;
        }
    }

    /** What threshold a language got, and why. */
    public record Choice(String language, int messages, int emergencies, double threshold, boolean own, String why) {
    }

    /**
     * EMERGENCY recall and precision over every language.
     *
     * @param recall    labelled EMERGENCY messages flagged, of all labelled EMERGENCY
     * @param precision flagged messages labelled EMERGENCY, of all flagged
     */
    public record Figures(double recall, double precision) {

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "recall %.3f, precision %.3f", recall, precision);
        }
    }

    /**
     * @param choices     the pooled threshold, then each language's as {@link #choose} chose it
     * @param pooledOnly  cross-fitted (thresholds chosen on four folds, scored on the fifth), the pooled threshold
     *                    for every language
     * @param perLanguage cross-fitted, each language its own threshold where it has one
     * @param adopted     whether the calibration ships the thresholds per language ({@link #prefer}); if not, the
     *                    pooled one serves every language
     */
    public record Fit(Calibration calibration, List<OutOfFold> outOfFold, List<Choice> choices, Figures pooledOnly,
                      Figures perLanguage, boolean adopted) {
    }

    /** The fold models of pass 1, kept for pass 2. */
    private record FoldModels(UrgencyModel model, SecondOpinion second) {
    }

    /** The calibration of the decision with the shipped cascade, from {@value #FOLDS}-fold cross-validation. */
    public static Fit fit(Corpus corpus, TokenVectors tokens) throws IOException {
        List<LabelledMessage> train = corpus.train();
        RuleBasedClassifier rules = new RuleBasedClassifier();
        double anchor = CombinedClassifier.CASCADE_EMERGENCY_THRESHOLD;
        List<FoldModels> folds = new ArrayList<>();
        List<String> languages = new ArrayList<>();
        List<double @Nullable []> scores = new ArrayList<>();
        List<Urgency> before = new ArrayList<>();
        for (int fold = 0; fold < FOLDS; fold++) {
            List<LabelledMessage> fit = new ArrayList<>();
            for (int i = 0; i < train.size(); i++) {
                if (i % FOLDS != fold) {
                    fit.add(train.get(i));
                }
            }
            UrgencyModel model = ModelTraining.train(fit.stream().filter(LabelledMessage::teachesWords).toList());
            SecondOpinion second = new SecondOpinion(tokens, NearestExamples.of(fit, tokens));
            folds.add(new FoldModels(model, second));
        }
        CombinedClassifier[] uncalibrated = new CombinedClassifier[FOLDS];
        for (int f = 0; f < FOLDS; f++) {
            uncalibrated[f] = new CombinedClassifier(rules, folds.get(f).model(), folds.get(f).second(),
                    CombinedClassifier.Cascade.SHIPPED, new ContactHistory(), Calibration.identity(anchor));
        }
        for (int i = 0; i < train.size(); i++) {
            CombinedClassifier classifier = uncalibrated[i % FOLDS];
            MessageReceived message = train.get(i).toMessage("corpus", RECEIVED_AT);
            CombinedClassifier.ModelScores seen = classifier.modelScores(message, Optional.empty());
            languages.add(seen.language());
            scores.add(seen.opinion() == null ? null : probabilities(seen.opinion()));
            before.add(classifier.classify(message, Optional.empty(), RECEIVED_AT).urgency());
        }
        Calibration.Curve[] curves = new Calibration.Curve[Urgency.values().length];
        for (Urgency u : Urgency.values()) {
            curves[u.ordinal()] = curve(train, scores, u, i -> true);
        }
        List<OutOfFold> outOfFold = new ArrayList<>();
        CombinedClassifier[][] byStep = new CombinedClassifier[FOLDS][STEPS];
        for (int f = 0; f < FOLDS; f++) {
            for (int k = 1; k < STEPS; k++) {
                byStep[f][k] = new CombinedClassifier(rules, folds.get(f).model(), folds.get(f).second(),
                        CombinedClassifier.Cascade.SHIPPED, new ContactHistory(),
                        new Calibration(curves, (double) k / STEPS, Map.of(), anchor));
            }
        }
        for (int i = 0; i < train.size(); i++) {
            MessageReceived message = train.get(i).toMessage("corpus", RECEIVED_AT);
            CombinedClassifier[] classifiers = byStep[i % FOLDS];
            outOfFold.add(new OutOfFold(train.get(i), i % FOLDS, languages.get(i), scores.get(i), before.get(i),
                    emergencyFrom(k -> classifiers[k].classify(message, Optional.empty(), RECEIVED_AT).urgency()
                            == Urgency.EMERGENCY)));
        }
        List<Choice> choices = choose(outOfFold, TARGET_RECALL, MIN_EMERGENCIES);
        Figures pooledOnly = crossFitted(outOfFold, false);
        Figures perLanguage = crossFitted(outOfFold, true);
        boolean adopted = prefer(perLanguage, pooledOnly, TARGET_RECALL);
        Calibration thresholds = calibrationOf(choices, adopted);
        return new Fit(new Calibration(curves, thresholds.pooled(), thresholds.byLanguage(),
                calibrationOf(choices, true).byLanguage(), anchor), List.copyOf(outOfFold), choices, pooledOnly,
                perLanguage, adopted);
    }

    /**
     * Whether thresholds per language should ship rather than the pooled one alone, by what each did cross-fitted,
     * in the terms of the goal (EMERGENCY recall at least {@code target}, then precision): the one that reaches
     * the target recall when the other does not; if both do, the more precise; if neither does, the one with the
     * higher recall. A tie keeps the pooled threshold, the simpler.
     */
    static boolean prefer(Figures perLanguage, Figures pooled, double target) {
        boolean own = perLanguage.recall() >= target;
        boolean one = pooled.recall() >= target;
        if (own != one) {
            return own;
        }
        return own ? perLanguage.precision() > pooled.precision() : perLanguage.recall() > pooled.recall();
    }

    /**
     * The thresholds chosen on four folds and applied to the fifth, every fold in turn: what they do on messages
     * they were not chosen on.
     */
    static Figures crossFitted(List<OutOfFold> all, boolean perLanguage) {
        return figures(all, crossFittedFlags(all, perLanguage));
    }

    private static Predicate<OutOfFold> crossFittedFlags(List<OutOfFold> all, boolean perLanguage) {
        Calibration[] perFold = new Calibration[FOLDS];
        for (int f = 0; f < FOLDS; f++) {
            int fold = f;
            perFold[f] = calibrationOf(choose(all.stream().filter(m -> m.fold() != fold).toList(), TARGET_RECALL,
                    MIN_EMERGENCIES), perLanguage);
        }
        return m -> m.emergencyFrom() >= k(perFold[m.fold()].threshold(m.language()).value());
    }

    private static Figures figures(List<OutOfFold> members, Predicate<OutOfFold> flagged) {
        long labelled = members.stream().filter(OutOfFold::emergency).count();
        long predicted = members.stream().filter(flagged).count();
        long both = members.stream().filter(OutOfFold::emergency).filter(flagged).count();
        return new Figures(labelled == 0 ? 0 : (double) both / labelled,
                predicted == 0 ? 0 : (double) both / predicted);
    }

    private static double[] probabilities(UrgencyModel.Opinion opinion) {
        double[] p = new double[Urgency.values().length];
        for (Urgency u : Urgency.values()) {
            p[u.ordinal()] = opinion.probability(u);
        }
        return p;
    }

    /** Isotonic curve of {@code urgency} on the scored messages whose index passes {@code include}. */
    private static Calibration.Curve curve(List<LabelledMessage> train, List<double @Nullable []> scores,
                                           Urgency urgency, java.util.function.IntPredicate include) {
        List<Double> x = new ArrayList<>();
        List<Boolean> y = new ArrayList<>();
        for (int i = 0; i < train.size(); i++) {
            double[] p = scores.get(i);
            if (p != null && include.test(i)) {
                x.add(p[urgency.ordinal()]);
                y.add(train.get(i).urgency() == urgency);
            }
        }
        double[] xs = x.stream().mapToDouble(Double::doubleValue).toArray();
        boolean[] ys = new boolean[y.size()];
        for (int i = 0; i < ys.length; i++) {
            ys[i] = y.get(i);
        }
        return Calibration.Curve.isotonic(xs, ys);
    }

    /**
     * The highest k in 1..STEPS-1 for which the decision is EMERGENCY, 0 if none: a binary search, since a lower
     * threshold never takes an EMERGENCY away (the bar only falls, the impact rules do not look at it).
     */
    static int emergencyFrom(java.util.function.IntPredicate emergencyAt) {
        if (!emergencyAt.test(1)) {
            return 0;
        }
        if (emergencyAt.test(STEPS - 1)) {
            return STEPS - 1;
        }
        int yes = 1;
        int no = STEPS - 1;
        while (no - yes > 1) {
            int mid = (yes + no) >>> 1;
            if (emergencyAt.test(mid)) {
                yes = mid;
            } else {
                no = mid;
            }
        }
        return yes;
    }

    /** The name of the threshold of every language together. */
    public static final String POOLED = "pooled";
    private static final String ALL = "all";

    /**
     * The thresholds: the pooled one first, then one for each of {@link Language#KNOWN}.
     *
     * @param judged         out-of-fold messages with {@link OutOfFold#emergencyFrom()}
     * @param target         the EMERGENCY recall each threshold must reach
     * @param minEmergencies labelled EMERGENCY messages a language needs for a threshold of its own
     */
    public static List<Choice> choose(List<OutOfFold> judged, double target, int minEmergencies) {
        List<Choice> choices = new ArrayList<>();
        int all = judged.size();
        int[] pooledFrom = emergenciesFrom(judged, m -> true);
        OptionalInt pooled = highestReaching(pooledFrom, target);
        double pooledThreshold = (double) pooled.orElse(1) / STEPS;
        choices.add(new Choice(POOLED, all, pooledFrom.length, pooledThreshold, true, pooled.isPresent()
                ? String.format(Locale.ROOT, "highest with recall >= %.2f, all languages", target)
                : String.format(Locale.ROOT, "recall %.2f is out of reach: the lowest threshold", target)));
        for (String language : Language.KNOWN) {
            int messages = (int) judged.stream().filter(m -> m.language().equals(language)).count();
            int[] from = emergenciesFrom(judged, m -> m.language().equals(language));
            if (from.length < minEmergencies) {
                choices.add(new Choice(language, messages, from.length, pooledThreshold, false, String.format(
                        Locale.ROOT, "pooled: %d labelled EMERGENCY, fewer than %d", from.length,
                        minEmergencies)));
                continue;
            }
            OptionalInt own = highestReaching(from, target);
            if (own.isEmpty()) {
                choices.add(new Choice(language, messages, from.length, pooledThreshold, false, String.format(
                        Locale.ROOT, "pooled: no threshold reaches recall %.2f (the rules miss too many)",
                        target)));
                continue;
            }
            choices.add(new Choice(language, messages, from.length, (double) own.getAsInt() / STEPS, true,
                    String.format(Locale.ROOT, "highest with recall >= %.2f", target)));
        }
        return List.copyOf(choices);
    }

    private static int[] emergenciesFrom(List<OutOfFold> judged, Predicate<OutOfFold> include) {
        return judged.stream().filter(include).filter(OutOfFold::emergency).mapToInt(OutOfFold::emergencyFrom)
                .toArray();
    }

    /** The highest k whose share of {@code emergencyFrom >= k} is at least {@code target}; empty if none. */
    static OptionalInt highestReaching(int[] emergencyFrom, double target) {
        if (emergencyFrom.length == 0) {
            return OptionalInt.empty();
        }
        double needed = target * emergencyFrom.length - 1e-9;
        for (int k = STEPS - 1; k >= 1; k--) {
            int caught = 0;
            for (int from : emergencyFrom) {
                caught += from >= k ? 1 : 0;
            }
            if (caught >= needed) {
                return OptionalInt.of(k);
            }
        }
        return OptionalInt.empty();
    }

    // ---------------------------------------------------------------------------------------------- the report

    /** Squared error of each probability against its 0/1 label, averaged. */
    static double brier(double[] p, boolean[] y) {
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            double d = p[i] - (y[i] ? 1 : 0);
            sum += d * d;
        }
        return p.length == 0 ? 0 : sum / p.length;
    }

    /** Expected calibration error over {@value #BINS} equal-width bins: |mean probability - observed|, weighted. */
    static double ece(double[] p, boolean[] y) {
        double[] sumP = new double[BINS];
        int[] positives = new int[BINS];
        int[] count = new int[BINS];
        for (int i = 0; i < p.length; i++) {
            int b = Math.min(BINS - 1, (int) (p[i] * BINS));
            sumP[b] += p[i];
            positives[b] += y[i] ? 1 : 0;
            count[b]++;
        }
        double ece = 0;
        for (int b = 0; b < BINS; b++) {
            if (count[b] > 0) {
                ece += (double) count[b] / p.length * Math.abs(sumP[b] / count[b] - (double) positives[b] / count[b]);
            }
        }
        return ece;
    }

    /**
     * Platt scaling, for comparison: the logistic regression of the label on the logit of the probability (Newton's
     * method, with Platt's smoothed targets).
     */
    static double[] platt(double[] p, boolean[] y) {
        int positives = 0;
        for (boolean label : y) {
            positives += label ? 1 : 0;
        }
        double high = (positives + 1.0) / (positives + 2.0);
        double low = 1.0 / (y.length - positives + 2.0);
        double a = 1;
        double b = 0;
        for (int iteration = 0; iteration < 100; iteration++) {
            double ga = 0;
            double gb = 0;
            double haa = 1e-9;
            double hab = 0;
            double hbb = 1e-9;
            for (int i = 0; i < p.length; i++) {
                double z = logit(p[i]);
                double q = sigmoid(a * z + b);
                double t = y[i] ? high : low;
                double w = q * (1 - q);
                ga += (q - t) * z;
                gb += q - t;
                haa += w * z * z;
                hab += w * z;
                hbb += w;
            }
            double det = haa * hbb - hab * hab;
            double da = (hbb * ga - hab * gb) / det;
            double db = (haa * gb - hab * ga) / det;
            a -= da;
            b -= db;
            if (Math.abs(da) + Math.abs(db) < 1e-10) {
                break;
            }
        }
        return new double[] {a, b};
    }

    static double applyPlatt(double[] ab, double p) {
        return sigmoid(ab[0] * logit(p) + ab[1]);
    }

    private static double logit(double p) {
        double q = Math.min(1 - 1e-6, Math.max(1e-6, p));
        return Math.log(q / (1 - q));
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    /** The report of a fit: the reliability curve, the scores of the calibrations, the thresholds. */
    public static String report(Fit fit) {
        List<OutOfFold> scored = fit.outOfFold().stream().filter(m -> m.model() != null).toList();
        int n = scored.size();
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "%d-fold cross-validation on the train split (%d messages; %d reach the model, the others the rules"
                        + " decide alone)%n", FOLDS, fit.outOfFold().size(), n));
        Map<String, double[]> byMethod = new LinkedHashMap<>();
        boolean[] emergency = new boolean[n];
        double[] model = new double[n];
        double[] isotonic = new double[n];
        double[] platt = new double[n];
        double[] inSample = new double[n];
        for (int f = 0; f < FOLDS; f++) {
            int fold = f;
            List<OutOfFold> others = scored.stream().filter(m -> m.fold() != fold).toList();
            double[] x = others.stream().mapToDouble(m -> score(m, Urgency.EMERGENCY)).toArray();
            boolean[] y = labels(others, Urgency.EMERGENCY);
            Calibration.Curve curve = Calibration.Curve.isotonic(x, y);
            double[] ab = platt(x, y);
            for (int i = 0; i < n; i++) {
                if (scored.get(i).fold() == fold) {
                    double p = score(scored.get(i), Urgency.EMERGENCY);
                    isotonic[i] = curve.apply(p);
                    platt[i] = applyPlatt(ab, p);
                }
            }
        }
        for (int i = 0; i < n; i++) {
            emergency[i] = scored.get(i).emergency();
            model[i] = score(scored.get(i), Urgency.EMERGENCY);
            inSample[i] = fit.calibration().emergency(model[i]);
        }
        byMethod.put("model (before)", model);
        byMethod.put("Platt, cross-fitted", platt);
        byMethod.put("isotonic, cross-fitted", isotonic);
        byMethod.put("isotonic, shipped (in-sample)", inSample);

        out.append(String.format(Locale.ROOT, "%nReliability of P(EMERGENCY): before, the model's (blended where the"
                + " second opinion was asked);%nafter, isotonic fitted on the other four folds (cross-fitted: never on"
                + " the message it maps)%n%n"));
        out.append(reliabilityTable(model, isotonic, emergency));
        out.append(String.format(Locale.ROOT, "%n%-30s %8s %8s%n", "P(EMERGENCY)", "Brier", "ECE"));
        byMethod.forEach((name, p) -> out.append(String.format(Locale.ROOT, "%-30s %8.4f %8.4f%n", name,
                brier(p, emergency), ece(p, emergency))));
        out.append(String.format(Locale.ROOT, "%nOther urgencies (one against the rest), Brier / ECE before -> "
                + "isotonic cross-fitted%n"));
        for (Urgency u : Urgency.values()) {
            if (u == Urgency.EMERGENCY) {
                continue;
            }
            double[] raw = scored.stream().mapToDouble(m -> score(m, u)).toArray();
            double[] after = new double[n];
            for (int f = 0; f < FOLDS; f++) {
                int fold = f;
                List<OutOfFold> others = scored.stream().filter(m -> m.fold() != fold).toList();
                Calibration.Curve curve = Calibration.Curve.isotonic(
                        others.stream().mapToDouble(m -> score(m, u)).toArray(), labels(others, u));
                for (int i = 0; i < n; i++) {
                    if (scored.get(i).fold() == fold) {
                        after[i] = curve.apply(raw[i]);
                    }
                }
            }
            boolean[] y = labels(scored, u);
            out.append(String.format(Locale.ROOT, "%-9s %.4f / %.4f -> %.4f / %.4f%n", u, brier(raw, y), ece(raw, y),
                    brier(after, y), ece(after, y)));
        }
        out.append(thresholds(fit));
        return out.toString();
    }

    private static double score(OutOfFold m, Urgency u) {
        double[] p = m.model();
        return p == null ? 0 : p[u.ordinal()];
    }

    private static boolean[] labels(List<OutOfFold> messages, Urgency u) {
        boolean[] y = new boolean[messages.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = messages.get(i).message().urgency() == u;
        }
        return y;
    }

    /** Bins of equal width: messages, mean probability and share labelled, before and after. */
    public static String reliabilityTable(double[] before, double[] after, boolean[] labelled) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "           ------- before -------     ------- after --------%n"
                        + "bin        messages  mean P  observed   messages  mean P  observed%n"));
        for (int b = 0; b < BINS; b++) {
            out.append(String.format(Locale.ROOT, "%.1f-%.1f  %s   %s%n", (double) b / BINS, (b + 1.0) / BINS,
                    bin(before, labelled, b), bin(after, labelled, b)));
        }
        return out.toString();
    }

    private static String bin(double[] p, boolean[] y, int b) {
        int count = 0;
        double sum = 0;
        int positives = 0;
        for (int i = 0; i < p.length; i++) {
            if (Math.min(BINS - 1, (int) (p[i] * BINS)) == b) {
                count++;
                sum += p[i];
                positives += y[i] ? 1 : 0;
            }
        }
        return count == 0 ? String.format(Locale.ROOT, "%8d  %6s  %8s", 0, "-", "-")
                : String.format(Locale.ROOT, "%8d  %6.3f  %8.3f", count, sum / count, (double) positives / count);
    }

    /** The thresholds, and EMERGENCY recall and precision on the folds before and after, per language. */
    private static String thresholds(Fit fit) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%nEMERGENCY threshold per language (on the"
                + " calibrated probability; target recall %.2f, at least %d labelled EMERGENCY)%n%n", TARGET_RECALL,
                MIN_EMERGENCIES));
        out.append(String.format(Locale.ROOT, "%-8s %8s %6s %9s  %-15s %-15s %-15s %-15s  %s%n", "language",
                "messages", "EMER", "threshold", "before", "own, in-sample", "own, x-fitted", "pooled, x-fitted",
                "why"));
        List<OutOfFold> all = fit.outOfFold();
        Calibration own = calibrationOf(fit.choices(), true);
        Predicate<OutOfFold> ownCrossFitted = crossFittedFlags(all, true);
        Predicate<OutOfFold> pooledCrossFitted = crossFittedFlags(all, false);
        List<String> groups = new ArrayList<>();
        groups.add(ALL);
        groups.addAll(Language.KNOWN);
        groups.add(Language.UNDETERMINED);
        for (String group : groups) {
            List<OutOfFold> members = all.stream()
                    .filter(m -> group.equals(ALL) || m.language().equals(group)).toList();
            if (members.isEmpty()) {
                continue;
            }
            String threshold = group.equals(ALL) ? String.format(Locale.ROOT, "%.2f*", own.pooled())
                    : String.format(Locale.ROOT, "%.2f", own.threshold(group).value());
            String why = group.equals(ALL) ? "* pooled: " + fit.choices().getFirst().why()
                    : fit.choices().stream().filter(c -> c.language().equals(group)).map(Choice::why).findFirst()
                    .orElse("pooled: no language told");
            out.append(String.format(Locale.ROOT, "%-8s %8d %6d %9s  %-15s %-15s %-15s %-15s  %s%n", group,
                    members.size(), members.stream().filter(OutOfFold::emergency).count(), threshold,
                    figuresText(figures(members, m -> m.before() == Urgency.EMERGENCY)),
                    figuresText(figures(members, m -> m.emergencyFrom() >= k(own.threshold(m.language()).value()))),
                    figuresText(figures(members, ownCrossFitted)), figuresText(figures(members, pooledCrossFitted)),
                    why));
        }
        out.append(String.format(Locale.ROOT, "%nrecall / precision. before: one threshold, %.2f on the model's"
                        + " probability, for every language;%nown, in-sample: the thresholds above, on the folds they"
                        + " were chosen on (recall >= %.2f by construction);%nx-fitted: chosen on four folds, scored"
                        + " on the fifth, each language its own threshold, or the pooled one for every language.%n",
                CombinedClassifier.CASCADE_EMERGENCY_THRESHOLD, TARGET_RECALL));
        out.append(String.format(Locale.ROOT, "%nShipped: %s%n", fit.adopted()
                ? String.format(Locale.ROOT, "the thresholds per language (cross-fitted %s,%nagainst %s with the"
                        + " pooled one alone)", fit.perLanguage(), fit.pooledOnly())
                : String.format(Locale.ROOT, "the pooled threshold %.2f for every language: the thresholds per"
                        + " language did worse%ncross-fitted (%s, against %s)", fit.calibration().pooled(),
                        fit.perLanguage(), fit.pooledOnly())));
        return out.toString();
    }

    private static String figuresText(Figures f) {
        return String.format(Locale.ROOT, "%.3f / %.3f", f.recall(), f.precision());
    }

    /** The pooled threshold, and the languages' own if {@code perLanguage}. */
    private static Calibration calibrationOf(List<Choice> choices, boolean perLanguage) {
        Map<String, Double> own = new LinkedHashMap<>();
        double pooled = Double.NaN;
        for (Choice c : choices) {
            if (c.language().equals(POOLED)) {
                pooled = c.threshold();
            } else if (c.own() && perLanguage) {
                own.put(c.language(), c.threshold());
            }
        }
        return new Calibration(null, pooled, own, CombinedClassifier.CASCADE_EMERGENCY_THRESHOLD);
    }

    private static int k(double threshold) {
        return (int) Math.round(threshold * STEPS);
    }

}
