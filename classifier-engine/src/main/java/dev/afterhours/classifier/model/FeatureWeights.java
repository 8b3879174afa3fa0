package dev.afterhours.classifier.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import opennlp.tools.ml.ArrayMath;
import opennlp.tools.ml.model.AbstractModel;
import opennlp.tools.ml.model.Context;
import org.jspecify.annotations.Nullable;

/**
 * Both models' weights in one table, looked up by the message's own words. OpenNLP evaluates a model by building
 * the feature strings ("w=checkout", "b=not_taking") and looking each up in its map, once per model: most of the
 * model's cost per message. Here a word is looked up once, and its bigrams hang off the previous word, so no feature
 * string is built and each word costs one or two look-ups for both models together.
 *
 * <p>The probabilities are exactly OpenNLP's: the same weights are summed in the same order (the order in which
 * {@link TextFeatures#features} lists a message's distinct features) and normalised with OpenNLP's own
 * {@link ArrayMath#logSumOfExps} and {@link StrictMath#exp}, as {@code QNModel} does. {@code FeatureWeightsTest} checks
 * the equality, to the last bit, on every corpus message.
 */
final class FeatureWeights {

    /**
     * One feature of the models: its name; what a person reads of it ("not taking"; empty when it explains nothing,
     * like a channel or a short word); and, by urgency outcome, how much it pushes towards that outcome (its weight
     * minus the mean of its weights), or null when the urgency model does not know it.
     */
    record Feature(int id, String name, String readable, double @Nullable [] pushes) {
    }

    /** A word of the vocabulary: its unigram feature, if any, and the bigrams it starts, by their second word. */
    private static final class Word {
        @Nullable Feature unigram;
        final Map<String, Feature> bigrams = new HashMap<>(4);
    }

    private final Map<String, Feature> byName = new HashMap<>();
    private final Map<String, Word> words = new HashMap<>();
    private final Map<String, Feature> channels = new HashMap<>();
    private @Nullable Feature bias;
    private final int urgencyOutcomes;
    private final int kindOutcomes;
    private final int stride;
    private final double[] weights;
    private int features;

    /** A distinct feature's id is marked with the current call's number, so a repeated word counts once. */
    private final ThreadLocal<Marks> marks = ThreadLocal.withInitial(() -> new Marks(features));

    private static final class Marks {
        final int[] seen;
        int call;

        Marks(int size) {
            seen = new int[size];
        }
    }

    FeatureWeights(AbstractModel urgency, AbstractModel kind) {
        urgencyOutcomes = urgency.getNumOutcomes();
        kindOutcomes = kind.getNumOutcomes();
        stride = urgencyOutcomes + kindOutcomes;
        Map<String, Context> urgencyWeights = predicates(urgency);
        Map<String, Context> kindWeights = predicates(kind);
        Set<String> names = new LinkedHashSet<>(urgencyWeights.keySet());
        names.addAll(kindWeights.keySet());
        // One row of weights per feature, urgency outcomes then kind outcomes, side by side in one array: a
        // message's features are summed from a few cache lines, not from two objects and four arrays each.
        weights = new double[names.size() * stride];
        for (String name : names) {
            int id = features++;
            Context forUrgency = urgencyWeights.get(name);
            copy(forUrgency, weights, id * stride);
            copy(kindWeights.get(name), weights, id * stride + urgencyOutcomes);
            add(new Feature(id, name, TextFeatures.readable(name), pushes(forUrgency, urgencyOutcomes)));
        }
    }

    /** A model's weights for one feature, by outcome index; an outcome it has no weight for stays 0. */
    private static void copy(@Nullable Context context, double[] into, int offset) {
        if (context == null) {
            return;
        }
        int[] outcomes = context.getOutcomes();
        double[] parameters = context.getParameters();
        for (int i = 0; i < outcomes.length; i++) {
            into[offset + outcomes[i]] = parameters[i];
        }
    }

    /** Weight for each outcome minus the mean weight over all outcomes. */
    private static double @Nullable [] pushes(@Nullable Context context, int outcomes) {
        if (context == null) {
            return null;
        }
        double sum = 0;
        for (double parameter : context.getParameters()) {
            sum += parameter;
        }
        double[] pushes = new double[outcomes];
        int[] ids = context.getOutcomes();
        double[] parameters = context.getParameters();
        for (int i = 0; i < ids.length; i++) {
            pushes[ids[i]] = parameters[i];
        }
        for (int outcome = 0; outcome < outcomes; outcome++) {
            pushes[outcome] -= sum / outcomes;
        }
        return pushes;
    }

    /** Whether a model has this feature. */
    boolean knows(String feature) {
        return byName.containsKey(feature);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Context> predicates(AbstractModel model) {
        return (Map<String, Context>) model.getDataStructures()[1];
    }

    /** Files a feature under the word (and next word) it stands for; a feature of another shape is a build error. */
    private void add(Feature feature) {
        String name = feature.name();
        byName.put(name, feature);
        if (name.startsWith("w=")) {
            words.computeIfAbsent(name.substring(2), w -> new Word()).unigram = feature;
        } else if (name.startsWith("b=")) {
            // Words are letters, digits or "<num>": the underscore between them is the only one.
            int joint = name.indexOf('_', 2);
            if (joint < 0 || name.indexOf('_', joint + 1) >= 0) {
                throw new IllegalStateException("the model has a bigram feature that is not two words: " + name);
            }
            words.computeIfAbsent(name.substring(2, joint), w -> new Word()).bigrams.put(name.substring(joint + 1),
                    feature);
        } else if (name.startsWith("channel=")) {
            channels.put(name.substring("channel=".length()), feature);
        } else if (name.equals("bias")) {
            bias = feature;
        } else {
            throw new IllegalStateException("the model has a feature TextFeatures does not make: " + name);
        }
    }

    /** The models' probabilities, by each model's outcome index, and the features that were known to them. */
    record Scores(double[] urgency, double[] kind, List<Feature> evidence) {
    }

    /**
     * Scores a message given as {@link TextFeatures#tokens} and its channel: the features are met in the order
     * {@link TextFeatures#features} lists them (channel, then each word followed by its bigram with the word before,
     * then the bias), each distinct one once.
     */
    Scores score(String channel, List<String> tokens) {
        Marks seen = marks.get();
        if (++seen.call == 0) {
            Arrays.fill(seen.seen, 0);
            seen.call = 1;
        }
        double[] urgency = new double[urgencyOutcomes];
        double[] kind = new double[kindOutcomes];
        List<Feature> evidence = new ArrayList<>(tokens.size() * 2 + 2);
        add(channels.get(channel), seen, urgency, kind, evidence);
        Word previous = null;
        for (String token : tokens) {
            Word word = words.get(token);
            add(word == null ? null : word.unigram, seen, urgency, kind, evidence);
            if (previous != null) {
                add(previous.bigrams.get(token), seen, urgency, kind, evidence);
            }
            previous = word;
        }
        add(bias, seen, urgency, kind, evidence);
        normalise(urgency);
        normalise(kind);
        return new Scores(urgency, kind, evidence);
    }

    private void add(@Nullable Feature feature, Marks seen, double[] urgency, double[] kind, List<Feature> evidence) {
        if (feature == null || seen.seen[feature.id()] == seen.call) {
            return;
        }
        seen.seen[feature.id()] = seen.call;
        evidence.add(feature);
        // As QNModel.eval adds a predicate's parameters to the outcomes' scores (adding 0 for an outcome without a
        // weight changes nothing).
        int row = feature.id() * stride;
        for (int i = 0; i < urgencyOutcomes; i++) {
            urgency[i] += weights[row + i];
        }
        row += urgencyOutcomes;
        for (int i = 0; i < kindOutcomes; i++) {
            kind[i] += weights[row + i];
        }
    }

    /** As {@code QNModel.eval} normalises, with {@link StrictMath} as it does, so the last bit agrees too. */
    private static void normalise(double[] scores) {
        double logSumExp = ArrayMath.logSumOfExps(scores);
        for (int i = 0; i < scores.length; i++) {
            scores[i] = StrictMath.exp(scores[i] - logSumExp);
        }
    }
}
