package dev.afterhours.classifier.model;

import dev.afterhours.classifier.classification.MessageText;
import dev.afterhours.contracts.Urgency;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The train split's messages as vectors ({@link TokenVectors}) with their labels: the nearest labelled examples of a
 * message, and what they vote. Brute force over a few thousand vectors; read-only after building: thread-safe.
 */
public final class NearestExamples {

    /** A labelled training message, as the explanation names it. */
    public record Example(String id, Urgency urgency, Kind kind, String snippet) {
    }

    public record Neighbour(Example example, double similarity) {
    }

    /**
     * The nearest examples, most similar first, and their similarity-weighted vote (a probability for each urgency
     * and each kind of answer).
     */
    public record Vote(List<Neighbour> nearest, Map<Urgency, Double> urgency, Map<Kind, Double> kind) {
    }

    /** Similarities are turned into vote weights by exp(similarity / TEMPERATURE): the closest count most. */
    static final double TEMPERATURE = 0.05;
    /** Added to every class's votes, so a handful of neighbours never says 0 or 1. */
    static final double SMOOTHING = 0.05;
    private static final int SNIPPET = 60;

    private final float[] vectors;
    private final float[] mean;
    private final Example[] examples;
    private final int dimension;

    private NearestExamples(float[] vectors, float[] mean, Example[] examples, int dimension) {
        this.vectors = vectors;
        this.mean = mean;
        this.examples = examples;
        this.dimension = dimension;
    }

    /**
     * Mean-of-pieces vectors all lean the same way (what every message shares); the examples are compared after
     * taking off their mean, so that what tells them apart decides the similarity.
     */
    private static void centre(float[] vector, int offset, float[] mean) {
        double norm = 0;
        for (int i = 0; i < mean.length; i++) {
            vector[offset + i] -= mean[i];
            norm += vector[offset + i] * vector[offset + i];
        }
        float scale = norm == 0 ? 0 : (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < mean.length; i++) {
            vector[offset + i] *= scale;
        }
    }

    public static NearestExamples of(List<LabelledMessage> train, TokenVectors tokens) {
        int dimension = tokens.dimension();
        float[] vectors = new float[train.size() * dimension];
        Example[] examples = new Example[train.size()];
        for (int i = 0; i < train.size(); i++) {
            LabelledMessage m = train.get(i);
            String own = MessageText.of(m.subject(), m.body()).own();
            System.arraycopy(tokens.embed(own), 0, vectors, i * dimension, dimension);
            examples[i] = new Example(m.id(), m.urgency(), m.kind(), snippet(own));
        }
        float[] mean = new float[dimension];
        for (int i = 0; i < vectors.length; i++) {
            mean[i % dimension] += vectors[i] / train.size();
        }
        for (int i = 0; i < train.size(); i++) {
            centre(vectors, i * dimension, mean);
        }
        return new NearestExamples(vectors, mean, examples, dimension);
    }

    private static String snippet(String own) {
        return own.length() <= SNIPPET ? own : own.substring(0, SNIPPET - 1).strip() + "…";
    }

    public int size() {
        return examples.length;
    }

    /** The {@code k} examples nearest to {@code vector} (unit length) and their vote. */
    public Vote vote(float[] unit, int k) {
        float[] vector = unit.clone();
        centre(vector, 0, mean);
        int[] best = new int[k];
        double[] similarity = new double[k];
        int size = 0;
        for (int e = 0, offset = 0; e < examples.length; e++, offset += dimension) {
            double dot = 0;
            for (int i = 0; i < dimension; i++) {
                dot += vectors[offset + i] * vector[i];
            }
            if (size == k && dot <= similarity[k - 1]) {
                continue;
            }
            int at = size == k ? k - 1 : size++;
            while (at > 0 && similarity[at - 1] < dot) {
                best[at] = best[at - 1];
                similarity[at] = similarity[at - 1];
                at--;
            }
            best[at] = e;
            similarity[at] = dot;
        }
        double[] urgencyVotes = new double[Urgency.values().length];
        double[] kindVotes = new double[Kind.values().length];
        List<Neighbour> nearest = new ArrayList<>(size);
        for (int n = 0; n < size; n++) {
            Example example = examples[best[n]];
            nearest.add(new Neighbour(example, similarity[n]));
            double weight = Math.exp((similarity[n] - similarity[0]) / TEMPERATURE);
            urgencyVotes[example.urgency().ordinal()] += weight;
            kindVotes[example.kind().ordinal()] += weight;
        }
        return new Vote(nearest, shares(urgencyVotes, Urgency.values()), shares(kindVotes, Kind.values()));
    }

    private static <E extends Enum<E>> Map<E, Double> shares(double[] votes, E[] classes) {
        double total = 0;
        for (double v : votes) {
            total += v + SMOOTHING;
        }
        Map<E, Double> shares = new EnumMap<>(classes[0].getDeclaringClass());
        for (E c : classes) {
            shares.put(c, (votes[c.ordinal()] + SMOOTHING) / total);
        }
        return shares;
    }

    void write(OutputStream out) throws IOException {
        DataOutputStream data = new DataOutputStream(out);
        data.writeInt(examples.length);
        data.writeInt(dimension);
        for (Example e : examples) {
            data.writeUTF(e.id());
            data.writeUTF(e.urgency().name());
            data.writeUTF(e.kind().name());
            data.writeUTF(e.snippet());
        }
        for (float x : mean) {
            data.writeFloat(x);
        }
        for (float x : vectors) {
            data.writeFloat(x);
        }
        data.flush();
    }

    static NearestExamples read(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        int count = data.readInt();
        int dimension = data.readInt();
        Example[] examples = new Example[count];
        for (int i = 0; i < count; i++) {
            examples[i] = new Example(data.readUTF(), Urgency.valueOf(data.readUTF()), Kind.valueOf(data.readUTF()),
                    data.readUTF());
        }
        float[] mean = new float[dimension];
        for (int i = 0; i < dimension; i++) {
            mean[i] = data.readFloat();
        }
        float[] vectors = new float[count * dimension];
        for (int i = 0; i < vectors.length; i++) {
            vectors[i] = data.readFloat();
        }
        return new NearestExamples(vectors, mean, examples, dimension);
    }
}
