package dev.afterhours.classifier.training;

import dev.afterhours.classifier.classification.CombinedClassifier;
import dev.afterhours.classifier.classification.ContactHistory;
import dev.afterhours.classifier.classification.MessageClassifier;
import dev.afterhours.classifier.classification.RuleBasedClassifier;
import dev.afterhours.classifier.engine.ClassifierEngine;
import dev.afterhours.classifier.model.Calibration;
import dev.afterhours.classifier.model.LabelledMessage;
import dev.afterhours.classifier.model.NearestExamples;
import dev.afterhours.classifier.model.SecondOpinion;
import dev.afterhours.classifier.model.TokenVectors;
import dev.afterhours.classifier.model.UrgencyModel;
import dev.afterhours.contracts.Urgency;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The whole decision (rules, model, context) on the held-out split, which training never sees, printed as a
 * table: {@code ./mvnw -q -pl classifier-training process-classes exec:java@evaluate}. Extra arguments after the
 * corpus directory: {@code misses} lists every miss with its reasons; {@code crossvalidate} evaluates by five-fold
 * cross-validation on the train split instead, for tuning without looking at the held-out split;
 * {@code uncalibrated} and {@code wordsonly} evaluate the decision before calibration and without the second
 * opinion, {@code perlanguage} with the thresholds per language that were chosen but not shipped;
 * {@code calibration} fits the calibration again and prints its report ({@link CalibrationTraining});
 * {@code reliability} bins the held-out messages' EMERGENCY probability before and after calibration.
 */
public final class HeldOutEvaluation {

    /** Messages are judged without a client and at a fixed time: the corpus is about the words. */
    public static final Instant RECEIVED_AT = Instant.parse("2026-11-23T15:00:00Z");

    private HeldOutEvaluation() {
    }

    public static EvaluationReport evaluate(Corpus corpus, MessageClassifier classifier) {
        EvaluationReport report = new EvaluationReport();
        for (LabelledMessage message : corpus.heldOut()) {
            report.add(message, classifier.classify(message.toMessage("corpus", RECEIVED_AT), Optional.empty(),
                    RECEIVED_AT));
        }
        return report;
    }

    /** The classifier the service runs, with the models and the calibration the build trained. */
    public static MessageClassifier shippedClassifier() {
        return shipped();
    }

    private static CombinedClassifier shipped() {
        return ClassifierEngine.shippedClassifier(new ContactHistory());
    }

    /**
     * The shipped decision with the thresholds per language the build chose but did not ship (they did worse
     * cross-fitted than the pooled one, {@link CalibrationTraining#prefer}): to score what they would have done.
     */
    public static MessageClassifier perLanguageClassifier() {
        return new CombinedClassifier(new RuleBasedClassifier(), UrgencyModel.fromClasspath(),
                SecondOpinion.fromClasspath(), Calibration.fromClasspath().withCandidates(), new ContactHistory());
    }

    /**
     * The decision before calibration (issue 13 part 3): the same models and second opinion, one threshold (0.35 on
     * the model's probability) for every language. For comparison.
     */
    public static MessageClassifier uncalibratedClassifier() {
        return new CombinedClassifier(new RuleBasedClassifier(), UrgencyModel.fromClasspath(),
                SecondOpinion.fromClasspath(), CombinedClassifier.Cascade.SHIPPED, new ContactHistory(),
                CombinedClassifier.CASCADE_EMERGENCY_THRESHOLD);
    }

    /** The word model and rules alone, without the second opinion: for comparison. */
    public static MessageClassifier wordsOnlyClassifier() {
        return new CombinedClassifier(new RuleBasedClassifier(), UrgencyModel.fromClasspath(), new ContactHistory());
    }

    /**
     * Five-fold cross-validation on the train split only: for working on rules and features without looking at
     * the held-out split, which must stay unseen to say anything about messages nobody here wrote.
     */
    public static EvaluationReport crossValidate(Corpus corpus, int folds) throws IOException {
        EvaluationReport report = new EvaluationReport(folds + "-fold cross-validation on the train split");
        crossValidate(corpus, folds, new double[] {CombinedClassifier.CASCADE_EMERGENCY_THRESHOLD},
                List.of(CombinedClassifier.Cascade.SHIPPED), List.of(report));
        return report;
    }

    /** Settings of the cascade that {@code cascade} cross-validates; the first asks nobody (the words alone). */
    static final List<CombinedClassifier.Cascade> CASCADES = cascades();

    private static List<CombinedClassifier.Cascade> cascades() {
        List<CombinedClassifier.Cascade> all = new ArrayList<>();
        all.add(new CombinedClassifier.Cascade(0, 0, 0));
        // A wider grid (unsure below 0.7, shares 0.65) was tried and lost on every figure.
        all.add(new CombinedClassifier.Cascade(0.5, 0.1, 0.3));
        all.add(new CombinedClassifier.Cascade(0.5, 0.1, 0.5));
        all.add(new CombinedClassifier.Cascade(0.6, 0.1, 0.3));
        return List.copyOf(all);
    }

    /** EMERGENCY thresholds the cascade sweep tries with each setting. */
    static final double[] CASCADE_THRESHOLDS = {0.3, 0.35, 0.4, 0.5};

    /** Five-fold cross-validation on the train split of each cascade setting: for choosing the shipped one. */
    public static String sweepCascade(Corpus corpus, int folds) throws IOException {
        List<EvaluationReport> reports = new ArrayList<>();
        List<CombinedClassifier.Cascade> cascades = new ArrayList<>();
        List<Double> thresholds = new ArrayList<>();
        for (CombinedClassifier.Cascade cascade : CASCADES) {
            for (double threshold : CASCADE_THRESHOLDS) {
                reports.add(new EvaluationReport());
                cascades.add(cascade);
                thresholds.add(threshold);
            }
        }
        crossValidate(corpus, folds, thresholds.stream().mapToDouble(Double::doubleValue).toArray(), cascades,
                reports);
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
                "%d-fold cross-validation on the train split (%d messages), by cascade setting%n%n"
                        + "unsure<  band  share  threshold  EMER-prec  EMER-rec  HIGH-rec  accuracy  auto-F1  needs-acc%n",
                folds, corpus.train().size()));
        for (int c = 0; c < reports.size(); c++) {
            EvaluationReport r = reports.get(c);
            CombinedClassifier.Cascade cascade = cascades.get(c);
            table.append(String.format(Locale.ROOT,
                    "%7.2f  %4.2f  %5.2f  %9.2f  %9.3f  %8.3f  %8.3f  %8.3f  %7.3f  %9.3f%n",
                    cascade.unsureBelow(), cascade.band(), cascade.share(), thresholds.get(c),
                    r.precision(Urgency.EMERGENCY),
                    r.recall(Urgency.EMERGENCY), r.recall(Urgency.HIGH), r.accuracy(), r.autoReplyF1(),
                    r.needsResponseAccuracy()));
        }
        return table.toString();
    }

    /** Thresholds the sweep tries for the model's EMERGENCY. */
    static final double[] THRESHOLDS = {0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5};

    /**
     * Five-fold cross-validation on the train split, once per threshold for the model's EMERGENCY (the models are
     * trained once per fold): EMERGENCY precision, recall and F1 for each, to choose the threshold from.
     */
    public static String sweepEmergencyThreshold(Corpus corpus, int folds) throws IOException {
        List<EvaluationReport> reports = new ArrayList<>();
        for (double threshold : THRESHOLDS) {
            reports.add(new EvaluationReport());
        }
        List<EvaluationReport> byThreshold = reports;
        crossValidate(corpus, folds, THRESHOLDS, List.of(CombinedClassifier.Cascade.SHIPPED), byThreshold);
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
                "%d-fold cross-validation on the train split (%d messages), EMERGENCY by model threshold%n%n"
                        + "threshold  precision  recall     f1  accuracy%n", folds, corpus.train().size()));
        for (int t = 0; t < THRESHOLDS.length; t++) {
            EvaluationReport report = reports.get(t);
            table.append(String.format(Locale.ROOT, "%9.2f  %9.3f  %6.3f  %5.3f  %8.3f%n", THRESHOLDS[t],
                    report.precision(Urgency.EMERGENCY), report.recall(Urgency.EMERGENCY),
                    report.f1(Urgency.EMERGENCY), report.accuracy()));
        }
        return table.toString();
    }

    /**
     * Trains on all folds but one, judges that one with each threshold (or, given several, each cascade setting)
     * into its report; every fold in turn. The nearest examples are those of the training folds; the token table
     * is the build's (its weights saw the whole train split, its vectors come from the model, not the labels).
     */
    private static void crossValidate(Corpus corpus, int folds, double[] thresholds,
            List<CombinedClassifier.Cascade> cascades, List<EvaluationReport> reports) throws IOException {
        List<LabelledMessage> train = corpus.train();
        TokenVectors tokens = SecondOpinion.tokensFromClasspath();
        for (int fold = 0; fold < folds; fold++) {
            List<LabelledMessage> fit = new ArrayList<>();
            List<LabelledMessage> check = new ArrayList<>();
            for (int i = 0; i < train.size(); i++) {
                (i % folds == fold ? check : fit).add(train.get(i));
            }
            UrgencyModel model = ModelTraining.train(fit.stream().filter(LabelledMessage::teachesWords).toList());
            SecondOpinion second = new SecondOpinion(tokens, NearestExamples.of(fit, tokens));
            for (int r = 0; r < reports.size(); r++) {
                double threshold = thresholds[Math.min(r, thresholds.length - 1)];
                CombinedClassifier.Cascade cascade = cascades.get(Math.min(r, cascades.size() - 1));
                MessageClassifier classifier = new CombinedClassifier(new RuleBasedClassifier(), model, second,
                        cascade, new ContactHistory(), threshold);
                for (LabelledMessage message : check) {
                    reports.get(r).add(message, classifier.classify(message.toMessage("corpus", RECEIVED_AT),
                            Optional.empty(), RECEIVED_AT));
                }
            }
        }
    }

    /**
     * How far the shipped decision's EMERGENCY probability means what it says on the held-out messages of
     * {@code corpus}: binned before calibration (the model's, blended where the second opinion was asked) and after
     * (the shipped calibration), with Brier score and expected calibration error. Messages the rules decide alone
     * are left out, as in the calibration.
     */
    public static String reliability(Corpus corpus) {
        CombinedClassifier classifier = shipped();
        Calibration calibration = Calibration.fromClasspath();
        List<Double> before = new ArrayList<>();
        List<Boolean> labels = new ArrayList<>();
        for (LabelledMessage m : corpus.heldOut()) {
            UrgencyModel.Opinion opinion = classifier.modelScores(m.toMessage("corpus", RECEIVED_AT), Optional.empty())
                    .opinion();
            if (opinion != null) {
                before.add(opinion.probability(Urgency.EMERGENCY));
                labels.add(m.urgency() == Urgency.EMERGENCY);
            }
        }
        double[] p = before.stream().mapToDouble(Double::doubleValue).toArray();
        double[] q = before.stream().mapToDouble(calibration::emergency).toArray();
        boolean[] y = new boolean[labels.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = labels.get(i);
        }
        return String.format(Locale.ROOT, "Held-out messages: %d, of which %d reach the model%n%n",
                corpus.heldOut().size(), p.length)
                + CalibrationTraining.reliabilityTable(p, q, y)
                + String.format(Locale.ROOT, "%nP(EMERGENCY)      Brier      ECE%nbefore           %.4f   %.4f%n"
                                + "after            %.4f   %.4f%n", CalibrationTraining.brier(p, y),
                        CalibrationTraining.ece(p, y), CalibrationTraining.brier(q, y), CalibrationTraining.ece(q, y));
    }

    public static void main(String[] args) throws IOException {
        Corpus corpus = Corpus.load(Path.of(args.length > 0 ? args[0] : "corpus"));
        if (List.of(args).contains("reliability")) {
            System.out.print(reliability(corpus));
            return;
        }
        if (List.of(args).contains("calibration")) {
            ModelTraining.quietTrainingProgress();
            System.out.print(CalibrationTraining.report(
                    CalibrationTraining.fit(corpus, SecondOpinion.tokensFromClasspath())));
            return;
        }
        if (List.of(args).contains("cascade")) {
            ModelTraining.quietTrainingProgress();
            System.out.print(sweepCascade(corpus, 5));
            return;
        }
        if (List.of(args).contains("sweep")) {
            ModelTraining.quietTrainingProgress();
            System.out.print(sweepEmergencyThreshold(corpus, 5));
            return;
        }
        boolean crossValidate = List.of(args).contains("crossvalidate");
        if (crossValidate) {
            ModelTraining.quietTrainingProgress();
        }
        EvaluationReport report = crossValidate ? crossValidate(corpus, 5)
                : evaluate(corpus, List.of(args).contains("wordsonly") ? wordsOnlyClassifier()
                        : List.of(args).contains("uncalibrated") ? uncalibratedClassifier()
                        : List.of(args).contains("perlanguage") ? perLanguageClassifier() : shippedClassifier());
        System.out.print(report.table());
        if (List.of(args).contains("misses")) {
            System.out.println();
            report.misses().forEach(System.out::println);
        }
    }
}
