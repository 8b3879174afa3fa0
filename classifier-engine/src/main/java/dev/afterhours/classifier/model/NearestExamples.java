package dev.afterhours.classifier.model;

import dev.afterhours.classifier.text.MessageText;
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

    /**
     * The examples are compared in the {@value} directions along which they differ most (principal components):
     * six times fewer multiplications than the model's 384, which is what lets the cascade stay within budget.
     */
    static final int COMPONENTS = 64;
    private static final int POWER_ITERATIONS = 30;

    private final float[] vectors;
    private final float[] mean;
    private final float[] projection;
    private final Example[] examples;
    private final int dimension;

    private NearestExamples(float[] vectors, float[] mean, float[] projection, Example[] examples) {
        this.vectors = vectors;
        this.mean = mean;
        this.projection = projection;
        this.examples = examples;
        this.dimension = projection.length / mean.length;
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
        if (train.isEmpty()) {
            throw new IllegalArgumentException("no examples");
        }
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
        float[] projection = principalComponents(vectors, dimension, Math.min(COMPONENTS, dimension));
        int components = projection.length / dimension;
        float[] projected = new float[train.size() * components];
        for (int i = 0; i < train.size(); i++) {
            project(vectors, i * dimension, projection, dimension, projected, i * components);
        }
        return new NearestExamples(projected, mean, projection, examples);
    }

    private static String snippet(String own) {
        return own.length() <= SNIPPET ? own : own.substring(0, SNIPPET - 1).strip() + "…";
    }

    public int size() {
        return examples.length;
    }

    /** The {@code k} examples nearest to {@code vector} (unit length) and their vote. */
    public Vote vote(float[] unit, int k) {
        float[] centred = unit.clone();
        centre(centred, 0, mean);
        float[] vector = new float[dimension];
        project(centred, 0, projection, mean.length, vector, 0);
        int[] best = new int[k];
        double[] similarity = new double[k];
        int size = 0;
        for (int e = 0, offset = 0; e < examples.length; e++, offset += dimension) {
            // Four sums, so the processor need not wait for each addition before the next.
            float s0 = 0;
            float s1 = 0;
            float s2 = 0;
            float s3 = 0;
            for (int i = 0; i < dimension; i += 4) {
                s0 += vectors[offset + i] * vector[i];
                s1 += vectors[offset + i + 1] * vector[i + 1];
                s2 += vectors[offset + i + 2] * vector[i + 2];
                s3 += vectors[offset + i + 3] * vector[i + 3];
            }
            double dot = (s0 + s1) + (s2 + s3);
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

    /** {@code vector[offset..]} onto the components, unit length, into {@code out[at..]}. */
    private static void project(float[] vector, int offset, float[] projection, int dimension, float[] out, int at) {
        int components = projection.length / dimension;
        double norm = 0;
        for (int c = 0; c < components; c++) {
            double sum = 0;
            for (int i = 0; i < dimension; i++) {
                sum += projection[c * dimension + i] * vector[offset + i];
            }
            out[at + c] = (float) sum;
            norm += sum * sum;
        }
        float scale = norm == 0 ? 0 : (float) (1 / Math.sqrt(norm));
        for (int c = 0; c < components; c++) {
            out[at + c] *= scale;
        }
    }

    /**
     * The top {@code components} principal directions of the (centred) rows, by subspace iteration on their
     * covariance from a fixed start: deterministic, so the same corpus gives the same table. Row-major
     * {@code components x dimension}; a multiple of four components (the dot product's unrolling).
     */
    static float[] principalComponents(float[] rows, int dimension, int components) {
        int wanted = components - components % 4;
        int n = rows.length / dimension;
        double[][] covariance = new double[dimension][dimension];
        for (int r = 0; r < n; r++) {
            int offset = r * dimension;
            for (int i = 0; i < dimension; i++) {
                double xi = rows[offset + i];
                for (int j = i; j < dimension; j++) {
                    covariance[i][j] += xi * rows[offset + j];
                }
            }
        }
        for (int i = 0; i < dimension; i++) {
            for (int j = 0; j < i; j++) {
                covariance[i][j] = covariance[j][i];
            }
        }
        double[][] basis = new double[wanted][dimension];
        java.util.Random start = new java.util.Random(13);
        for (double[] b : basis) {
            for (int i = 0; i < dimension; i++) {
                b[i] = start.nextGaussian();
            }
        }
        orthonormalise(basis);
        for (int iteration = 0; iteration < POWER_ITERATIONS; iteration++) {
            double[][] next = new double[wanted][dimension];
            for (int c = 0; c < wanted; c++) {
                for (int i = 0; i < dimension; i++) {
                    double sum = 0;
                    double[] row = covariance[i];
                    for (int j = 0; j < dimension; j++) {
                        sum += row[j] * basis[c][j];
                    }
                    next[c][i] = sum;
                }
            }
            orthonormalise(next);
            basis = next;
        }
        float[] projection = new float[wanted * dimension];
        for (int c = 0; c < wanted; c++) {
            for (int i = 0; i < dimension; i++) {
                projection[c * dimension + i] = (float) basis[c][i];
            }
        }
        return projection;
    }

    private static void orthonormalise(double[][] basis) {
        for (int c = 0; c < basis.length; c++) {
            for (int p = 0; p < c; p++) {
                double dot = 0;
                for (int i = 0; i < basis[c].length; i++) {
                    dot += basis[c][i] * basis[p][i];
                }
                for (int i = 0; i < basis[c].length; i++) {
                    basis[c][i] -= dot * basis[p][i];
                }
            }
            double norm = 0;
            for (double x : basis[c]) {
                norm += x * x;
            }
            double scale = norm == 0 ? 0 : 1 / Math.sqrt(norm);
            for (int i = 0; i < basis[c].length; i++) {
                basis[c][i] *= scale;
            }
        }
    }

    public void write(OutputStream out) throws IOException {
        DataOutputStream data = new DataOutputStream(out);
        data.writeInt(examples.length);
        data.writeInt(mean.length);
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
        for (float x : projection) {
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
        int full = data.readInt();
        int dimension = data.readInt();
        Example[] examples = new Example[count];
        for (int i = 0; i < count; i++) {
            examples[i] = new Example(data.readUTF(), Urgency.valueOf(data.readUTF()), Kind.valueOf(data.readUTF()),
                    data.readUTF());
        }
        float[] mean = new float[full];
        for (int i = 0; i < full; i++) {
            mean[i] = data.readFloat();
        }
        float[] projection = new float[dimension * full];
        for (int i = 0; i < projection.length; i++) {
            projection[i] = data.readFloat();
        }
        float[] vectors = new float[count * dimension];
        for (int i = 0; i < vectors.length; i++) {
            vectors[i] = data.readFloat();
        }
        return new NearestExamples(vectors, mean, projection, examples);
    }
}
