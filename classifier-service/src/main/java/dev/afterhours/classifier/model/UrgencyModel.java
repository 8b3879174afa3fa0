package dev.afterhours.classifier.model;

import dev.afterhours.contracts.Channel;
import dev.afterhours.contracts.Urgency;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import opennlp.tools.doccat.DoccatModel;
import opennlp.tools.ml.model.AbstractModel;
import opennlp.tools.ml.model.Context;
import opennlp.tools.ml.model.MaxentModel;

/**
 * The two trained models: how urgent a message reads, and what kind of answer it wants. Loaded once from the
 * classpath, where the build put them; thread-safe (evaluation allocates per call, the models are read-only).
 */
public final class UrgencyModel {

    public static final String URGENCY_RESOURCE = "urgency.bin";
    public static final String KIND_RESOURCE = "kind.bin";
    private static final int CUES = 3;
    private static final int CANDIDATES = 12;

    private final MaxentModel urgency;
    private final MaxentModel kind;
    private final Map<String, Context> urgencyWeights;
    private final int[] urgencyIndex = new int[Urgency.values().length];
    private final int[] kindIndex = new int[Kind.values().length];

    UrgencyModel(DoccatModel urgency, DoccatModel kind) {
        this.urgency = urgency.getMaxentModel();
        this.kind = kind.getMaxentModel();
        for (Urgency u : Urgency.values()) {
            urgencyIndex[u.ordinal()] = indexOf(this.urgency, u.name());
        }
        for (Kind k : Kind.values()) {
            kindIndex[k.ordinal()] = indexOf(this.kind, k.name());
        }
        this.urgencyWeights = weights(this.urgency);
    }

    /** The models the build trained into this module's classes. */
    public static UrgencyModel fromClasspath() {
        return new UrgencyModel(load(URGENCY_RESOURCE), load(KIND_RESOURCE));
    }

    private static DoccatModel load(String name) {
        try (InputStream in = UrgencyModel.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("model " + name + " is not on the classpath next to "
                        + UrgencyModel.class.getName() + "; the build trains it (ModelTraining) in process-classes");
            }
            return new DoccatModel(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read model " + name, e);
        }
    }

    private static int indexOf(MaxentModel model, String outcome) {
        int index = model.getIndex(outcome);
        if (index < 0) {
            throw new IllegalStateException("the model has no outcome " + outcome);
        }
        return index;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Context> weights(MaxentModel model) {
        if (model instanceof AbstractModel abstractModel) {
            return (Map<String, Context>) abstractModel.getDataStructures()[1];
        }
        return Map.of();
    }

    /**
     * @param channel the message's channel
     * @param ownText subject and the sender's own words (quotes cut off), as {@code MessageText.own()} gives them
     */
    public Opinion judge(Channel channel, String ownText) {
        Set<String> features = TextFeatures.features(TextFeatures.document(channel.name(), ownText));
        String[] context = features.toArray(String[]::new);
        double[] urgencyScores = urgency.eval(context);
        double[] kindScores = kind.eval(context);
        Map<Urgency, Double> urgencies = new EnumMap<>(Urgency.class);
        for (Urgency u : Urgency.values()) {
            urgencies.put(u, urgencyScores[urgencyIndex[u.ordinal()]]);
        }
        Map<Kind, Double> kinds = new EnumMap<>(Kind.class);
        for (Kind k : Kind.values()) {
            kinds.put(k, kindScores[kindIndex[k.ordinal()]]);
        }
        return new Opinion(urgencies, kinds, features);
    }

    /**
     * The words that pushed most towards {@code outcome} in this message, for a reason a person can read:
     * weight for the outcome minus the mean weight over all outcomes, largest first.
     */
    public List<String> cues(Opinion opinion, Urgency outcome) {
        int index = urgencyIndex[outcome.ordinal()];
        int outcomes = urgency.getNumOutcomes();
        // Keep the strongest few candidates only: this runs for nearly every message.
        String[] best = new String[CANDIDATES];
        double[] pushes = new double[CANDIDATES];
        int size = 0;
        for (String feature : opinion.features()) {
            if (feature.length() < 3 || feature.charAt(1) != '=' || (feature.charAt(0) != 'w' && feature.charAt(0) != 'b')
                    || (feature.charAt(0) == 'w' && TextFeatures.readable(feature).isEmpty())) {
                continue;
            }
            Context weights = urgencyWeights.get(feature);
            if (weights == null) {
                continue;
            }
            double forOutcome = 0;
            double sum = 0;
            int[] ids = weights.getOutcomes();
            double[] values = weights.getParameters();
            for (int i = 0; i < ids.length; i++) {
                sum += values[i];
                if (ids[i] == index) {
                    forOutcome = values[i];
                }
            }
            double push = forOutcome - sum / outcomes;
            if (push <= 0 || (size == CANDIDATES && push <= pushes[size - 1])) {
                continue;
            }
            int at = size == CANDIDATES ? size - 1 : size++;
            while (at > 0 && pushes[at - 1] < push) {
                best[at] = best[at - 1];
                pushes[at] = pushes[at - 1];
                at--;
            }
            best[at] = feature;
            pushes[at] = push;
        }
        List<String> cues = new ArrayList<>(CUES);
        for (int i = 0; i < size && cues.size() < CUES; i++) {
            String cue = TextFeatures.readable(best[i]);
            // "not taking" makes "taking" redundant; short words explain nothing.
            if (!cue.isEmpty() && cues.stream().noneMatch(c -> c.contains(cue) || cue.contains(c))) {
                cues.add(cue);
            }
        }
        return cues;
    }

    /** The models' probabilities for one message. */
    public record Opinion(Map<Urgency, Double> urgency, Map<Kind, Double> kind, Set<String> features) {

        public double probability(Urgency u) {
            return urgency.get(u);
        }

        public double probability(Kind k) {
            return kind.get(k);
        }

        /** The most likely urgency among those at most {@code ceiling}. */
        public Urgency likeliestAtMost(Urgency ceiling) {
            Urgency best = Urgency.LOW;
            for (Urgency u : Urgency.values()) {
                if (u.compareTo(ceiling) >= 0 && urgency.get(u) > urgency.get(best)) {
                    best = u;
                }
            }
            return best;
        }
    }
}
