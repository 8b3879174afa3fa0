package dev.afterhours.classifier.training;

import ch.qos.logback.classic.Level;
import dev.afterhours.classifier.model.Calibration;
import dev.afterhours.classifier.model.LabelledMessage;
import dev.afterhours.classifier.model.NearestExamples;
import dev.afterhours.classifier.model.SecondOpinion;
import dev.afterhours.classifier.model.TextFeatures;
import dev.afterhours.classifier.model.TokenVectors;
import dev.afterhours.classifier.model.UrgencyModel;
import dev.afterhours.classifier.text.MessageText;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import opennlp.tools.doccat.DoccatFactory;
import opennlp.tools.doccat.DoccatModel;
import opennlp.tools.doccat.DocumentCategorizerME;
import opennlp.tools.doccat.DocumentSample;
import opennlp.tools.doccat.FeatureGenerator;
import opennlp.tools.util.ObjectStreamUtils;
import opennlp.tools.util.TrainingParameters;
import org.slf4j.LoggerFactory;

/**
 * Trains the urgency and kind models on the corpus's train split (and exported corrections), never on the held-out
 * split, the nearest examples of the second opinion, and the calibration with its thresholds per language
 * ({@link CalibrationTraining}, from five-fold cross-validation of the same split). The build runs it in
 * {@code process-classes}; by hand:
 * {@code ./mvnw -q -pl classifier-training -am test-compile}.
 *
 * <p>Maximum entropy trained by L-BFGS (OpenNLP's MAXENT_QN) with an L2 penalty of 1: on a corpus of a few hundred
 * messages an unregularised model learns each training message by heart. Chosen by five-fold cross-validation on
 * the train split (see {@link HeldOutEvaluation}) over GIS with Gaussian smoothing, naive Bayes and other L2
 * weights. Single-threaded and fed in corpus order, so the same corpus gives the same models.
 */
public final class ModelTraining {

    private ModelTraining() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: ModelTraining <corpus-dir> <output-dir>");
            System.exit(2);
        }
        quietTrainingProgress();
        Corpus corpus = Corpus.load(Path.of(args[0]));
        Path output = Path.of(args[1]);
        Files.createDirectories(output);
        List<LabelledMessage> train = corpus.train();
        List<LabelledMessage> words = corpus.wordTrain();
        write(train(words, m -> m.urgency().name()), output.resolve(UrgencyModel.URGENCY_RESOURCE));
        write(train(words, m -> m.kind().name()), output.resolve(UrgencyModel.KIND_RESOURCE));
        Map<String, Integer> vocabulary = Distillation.vocabulary();
        Path tokensFile = output.resolve(SecondOpinion.TOKENS_RESOURCE);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tokensFile))) {
            Distillation.distil(train, vocabulary, tokensFile).write(out, vocabulary);
        }
        // Everything below learns from the vectors as the service will read them (8-bit), read back from the file:
        // fresh full-precision vectors on a clean build and the stored ones on a rebuild gave two calibrations
        // (pooled EMERGENCY threshold 0.36 against 0.34), so a clean build, which CI always is, shipped another model.
        TokenVectors tokens;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(tokensFile))) {
            tokens = TokenVectors.read(in);
        }
        try (OutputStream out = new BufferedOutputStream(
                Files.newOutputStream(output.resolve(SecondOpinion.NEIGHBOURS_RESOURCE)))) {
            NearestExamples.of(train, tokens).write(out);
        }
        System.out.printf("[afterhours] trained urgency and kind models on %d messages, nearest examples on %d"
                + " (%d held out) into %s%n", words.size(), train.size(), corpus.heldOut().size(), output);
        CalibrationTraining.Fit fit = CalibrationTraining.fit(corpus, tokens);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(output.resolve(Calibration.RESOURCE)))) {
            fit.calibration().write(out);
        }
        System.out.printf("[afterhours] calibrated on %d-fold out-of-fold predictions; EMERGENCY thresholds %s:"
                + " %s (cross-fitted %s per language, %s pooled)%n", CalibrationTraining.FOLDS,
                fit.adopted() ? "per language" : "pooled for every language", thresholds(fit), fit.perLanguage(),
                fit.pooledOnly());
    }

    /** "pooled 0.34, en 0.52, de 0.30, fr 0.34 (pooled), ..." for the build's log. */
    private static String thresholds(CalibrationTraining.Fit fit) {
        return String.join(", ", fit.choices().stream().map(c -> String.format(java.util.Locale.ROOT, "%s %.2f%s",
                c.language(), c.threshold(), c.own() ? "" : " (pooled)")).toList());
    }

    /** OpenNLP logs every iteration at INFO; the build needs one line. */
    public static void quietTrainingProgress() {
        if (LoggerFactory.getLogger("opennlp") instanceof ch.qos.logback.classic.Logger logger) {
            logger.setLevel(Level.WARN);
        }
    }

    /** Both models from these messages, in memory: for cross-validation and tests. */
    public static UrgencyModel train(List<LabelledMessage> messages) throws IOException {
        return new UrgencyModel(train(messages, m -> m.urgency().name()), train(messages, m -> m.kind().name()));
    }

    static DoccatModel train(List<LabelledMessage> messages, Function<LabelledMessage, String> label)
            throws IOException {
        List<DocumentSample> samples = messages.stream()
                .map(m -> new DocumentSample(label.apply(m),
                        TextFeatures.document(m.channel().name(), MessageText.of(m.subject(), m.body()).own())))
                .toList();
        return DocumentCategorizerME.train("mul", ObjectStreamUtils.createObjectStream(samples), parameters(),
                new DoccatFactory(new FeatureGenerator[] {new TextFeatures()}));
    }

    static TrainingParameters parameters() {
        TrainingParameters parameters = TrainingParameters.defaultParams();
        parameters.put(TrainingParameters.ALGORITHM_PARAM, "MAXENT_QN");
        parameters.put(TrainingParameters.ITERATIONS_PARAM, 150);
        parameters.put(TrainingParameters.CUTOFF_PARAM, 1);
        parameters.put(TrainingParameters.THREADS_PARAM, 1);
        parameters.put("L1Cost", 0.0);
        parameters.put("L2Cost", 1.0);
        parameters.put("PrintMessages", false);
        return parameters;
    }

    private static void write(DoccatModel model, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            model.serialize(out);
        }
    }
}
