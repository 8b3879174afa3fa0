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
import opennlp.tools.doccat.DoccatModel;
import opennlp.tools.ml.model.AbstractModel;
import opennlp.tools.ml.model.MaxentModel;

/**
 * The two trained models: how urgent a message reads, and what kind of answer it wants. Loaded once from the
 * classpath, where the build put them; thread-safe (the weights are read-only, evaluation allocates per call).
 */
public final class UrgencyModel {

    public static final String URGENCY_RESOURCE = "urgency.bin";
    public static final String KIND_RESOURCE = "kind.bin";
    private static final int CUES = 3;
    private static final int CANDIDATES = 12;

    private final MaxentModel urgency;
    private final MaxentModel kind;
    private final FeatureWeights weights;
    private final int[] urgencyIndex = new int[Urgency.values().length];
    private final int[] kindIndex = new int[Kind.values().length];

    public UrgencyModel(DoccatModel urgency, DoccatModel kind) {
        this.urgency = urgency.getMaxentModel();
        this.kind = kind.getMaxentModel();
        for (Urgency u : Urgency.values()) {
            urgencyIndex[u.ordinal()] = indexOf(this.urgency, u.name());
        }
        for (Kind k : Kind.values()) {
            kindIndex[k.ordinal()] = indexOf(this.kind, k.name());
        }
        this.weights = new FeatureWeights(abstractModel(this.urgency), abstractModel(this.kind));
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

    private static AbstractModel abstractModel(MaxentModel model) {
        if (model instanceof AbstractModel abstractModel) {
            return abstractModel;
        }
        throw new IllegalStateException("expected an OpenNLP AbstractModel, the build trains one, got " + model.getClass());
    }

    FeatureWeights weights() {
        return weights;
    }

    /** The urgency model as OpenNLP evaluates it, for checking {@link FeatureWeights} against. */
    MaxentModel urgencyModel() {
        return urgency;
    }

    /** The kind model as OpenNLP evaluates it. */
    MaxentModel kindModel() {
        return kind;
    }

    /**
     * @param channel the message's channel
     * @param ownText subject and the sender's own words (quotes cut off), as {@code MessageText.own()} gives them
     */
    public Opinion judge(Channel channel, String ownText) {
        FeatureWeights.Scores scores = weights.score(channel.name(), TextFeatures.tokens(ownText));
        Map<Urgency, Double> urgencies = new EnumMap<>(Urgency.class);
        for (Urgency u : Urgency.values()) {
            urgencies.put(u, scores.urgency()[urgencyIndex[u.ordinal()]]);
        }
        Map<Kind, Double> kinds = new EnumMap<>(Kind.class);
        for (Kind k : Kind.values()) {
            kinds.put(k, scores.kind()[kindIndex[k.ordinal()]]);
        }
        return new Opinion(urgencies, kinds, scores.evidence());
    }

    /**
     * The words that pushed most towards {@code outcome} in this message, for a reason a person can read:
     * weight for the outcome minus the mean weight over all outcomes, largest first.
     */
    public List<String> cues(Opinion opinion, Urgency outcome) {
        int index = urgencyIndex[outcome.ordinal()];
        // Keep the strongest few candidates only: this runs for nearly every message.
        String[] best = new String[CANDIDATES];
        double[] pushes = new double[CANDIDATES];
        int size = 0;
        for (FeatureWeights.Feature known : opinion.evidence) {
            if (known.pushes() == null || known.readable().isEmpty()) {
                continue;
            }
            double push = known.pushes()[index];
            if (push <= 0 || (size == CANDIDATES && push <= pushes[size - 1])) {
                continue;
            }
            int at = size == CANDIDATES ? size - 1 : size++;
            while (at > 0 && pushes[at - 1] < push) {
                best[at] = best[at - 1];
                pushes[at] = pushes[at - 1];
                at--;
            }
            best[at] = known.readable();
            pushes[at] = push;
        }
        List<String> cues = new ArrayList<>(CUES);
        for (int i = 0; i < size && cues.size() < CUES; i++) {
            String cue = best[i];
            // "not taking" makes "taking" redundant; short words explain nothing.
            if (!cue.isEmpty() && cues.stream().noneMatch(c -> c.contains(cue) || cue.contains(c))) {
                cues.add(cue);
            }
        }
        return cues;
    }

    /** The models' probabilities for one message, and the features they knew, for the reasons. */
    public static final class Opinion {

        private final Map<Urgency, Double> urgency;
        private final Map<Kind, Double> kind;
        private final List<FeatureWeights.Feature> evidence;

        Opinion(Map<Urgency, Double> urgency, Map<Kind, Double> kind, List<FeatureWeights.Feature> evidence) {
            this.urgency = urgency;
            this.kind = kind;
            this.evidence = evidence;
        }

        /** The probability of each urgency. */
        public Map<Urgency, Double> urgency() {
            return urgency;
        }

        /** The probability of each kind of answer. */
        public Map<Kind, Double> kind() {
            return kind;
        }

        public double probability(Urgency u) {
            return urgency.get(u);
        }

        public double probability(Kind k) {
            return kind.get(k);
        }

        /**
         * This opinion mixed with the nearest labelled examples' vote: {@code share} of each probability comes
         * from the vote, the rest from the words. The cues stay the words'.
         */
        public Opinion blend(NearestExamples.Vote vote, double share) {
            Map<Urgency, Double> urgencies = new EnumMap<>(Urgency.class);
            for (Urgency u : Urgency.values()) {
                urgencies.put(u, (1 - share) * urgency.get(u) + share * vote.urgency().get(u));
            }
            Map<Kind, Double> kinds = new EnumMap<>(Kind.class);
            for (Kind k : Kind.values()) {
                kinds.put(k, (1 - share) * kind.get(k) + share * vote.kind().get(k));
            }
            return new Opinion(urgencies, kinds, evidence);
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
