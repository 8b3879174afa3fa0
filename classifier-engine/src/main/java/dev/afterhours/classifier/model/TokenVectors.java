package dev.afterhours.classifier.model;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * all-MiniLM-L6-v2 distilled into a table (the idea of Model2Vec): at build time each WordPiece of the vocabulary
 * that matters is run through the real model once ({@link SentenceEmbeddings}), and at run time a message's vector
 * is the weighted mean of its pieces' vectors. A few microseconds instead of the model's milliseconds, so it can
 * run inside the classifier's budget of 100 microseconds a message; it keeps what the model knows about words it
 * was never shown here ("outage" near "down"), not the word order. Weights are inverse document frequencies on the
 * train split, so "the" counts less than "checkout". Read-only after loading: thread-safe.
 */
public final class TokenVectors {

    private final WordPieces pieces;
    private final float[][] vectors;
    private final float[] weights;
    private final int dimension;

    public TokenVectors(Map<String, Integer> vocabulary, float[][] vectors, float[] weights) {
        this.pieces = new WordPieces(vocabulary);
        this.vectors = vectors;
        this.weights = weights;
        int d = 0;
        for (float[] v : vectors) {
            if (v != null) {
                d = v.length;
                break;
            }
        }
        this.dimension = d;
    }

    /** The vectors by vocabulary id (null where a piece has none), for reuse by the next distillation. */
    public float[][] vectors() {
        return vectors;
    }

    public int dimension() {
        return dimension;
    }

    /** The unit-length vector of {@code text} (zero if none of its pieces is known). */
    public float[] embed(String text) {
        float[] sum = new float[dimension];
        List<Integer> ids = pieces.ids(text);
        for (int id : ids) {
            float[] v = id < vectors.length ? vectors[id] : null;
            if (v == null) {
                continue;
            }
            float w = weights[id];
            for (int i = 0; i < dimension; i++) {
                sum[i] += w * v[i];
            }
        }
        double norm = 0;
        for (float x : sum) {
            norm += x * x;
        }
        if (norm > 0) {
            float scale = (float) (1 / Math.sqrt(norm));
            for (int i = 0; i < dimension; i++) {
                sum[i] *= scale;
            }
        }
        return sum;
    }

    /** Vocabulary, then for each piece with a vector: id, weight, and the vector as 8-bit integers with a scale. */
    public void write(OutputStream out, Map<String, Integer> vocabulary) throws IOException {
        DataOutputStream data = new DataOutputStream(out);
        data.writeInt(vocabulary.size());
        for (Map.Entry<String, Integer> e : vocabulary.entrySet()) {
            data.writeUTF(e.getKey());
            data.writeInt(e.getValue());
        }
        int count = 0;
        for (float[] v : vectors) {
            count += v == null ? 0 : 1;
        }
        data.writeInt(vectors.length);
        data.writeInt(dimension);
        data.writeInt(count);
        for (int id = 0; id < vectors.length; id++) {
            float[] v = vectors[id];
            if (v == null) {
                continue;
            }
            float max = 1e-12f;
            for (float x : v) {
                max = Math.max(max, Math.abs(x));
            }
            data.writeInt(id);
            data.writeFloat(weights[id]);
            data.writeFloat(max / 127);
            for (float x : v) {
                data.writeByte(Math.round(x / max * 127));
            }
        }
        data.flush();
    }

    public static TokenVectors read(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        int words = data.readInt();
        Map<String, Integer> vocabulary = new HashMap<>(words * 2);
        for (int i = 0; i < words; i++) {
            String piece = data.readUTF();
            vocabulary.put(piece, data.readInt());
        }
        int size = data.readInt();
        int dimension = data.readInt();
        int count = data.readInt();
        float[][] vectors = new float[size][];
        float[] weights = new float[size];
        byte[] row = new byte[dimension];
        for (int c = 0; c < count; c++) {
            int id = data.readInt();
            weights[id] = data.readFloat();
            float scale = data.readFloat();
            data.readFully(row);
            float[] v = new float[dimension];
            for (int i = 0; i < dimension; i++) {
                v[i] = row[i] * scale;
            }
            vectors[id] = v;
        }
        return new TokenVectors(vocabulary, vectors, weights);
    }
}
