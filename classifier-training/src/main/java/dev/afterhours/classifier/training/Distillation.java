package dev.afterhours.classifier.training;

import dev.afterhours.classifier.model.LabelledMessage;
import dev.afterhours.classifier.model.TokenVectors;
import dev.afterhours.classifier.model.WordPieces;
import dev.afterhours.classifier.text.MessageText;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Build time only: runs all-MiniLM-L6-v2 ({@link SentenceEmbeddings}, ONNX Runtime) once per WordPiece that
 * matters, into a {@link TokenVectors} table. The pieces are those of the train split and the model vocabulary's
 * {@value #COMMON_WORDS} commonest words (BERT's vocabulary lists whole words roughly by frequency from id
 * {@value #FIRST_WORD}), so words the corpus never used still have a vector. Vectors of an earlier table are
 * reused: the model is deterministic, and a rebuild then takes seconds, not a minute.
 */
final class Distillation {

    static final int FIRST_WORD = 1996;
    static final int COMMON_WORDS = 6000;
    private static final String TOKENIZER = "/all-minilm-l6-v2-q-tokenizer.json";

    private Distillation() {
    }

    static Map<String, Integer> vocabulary() {
        try (InputStream in = AllMiniLmL6V2QuantizedEmbeddingModel.class.getResourceAsStream(TOKENIZER)) {
            if (in == null) {
                throw new IllegalStateException(TOKENIZER + " is not on the classpath");
            }
            JsonNode vocab = JsonMapper.builder().build().readTree(in).path("model").path("vocab");
            Map<String, Integer> vocabulary = new LinkedHashMap<>();
            for (String piece : vocab.propertyNames()) {
                vocabulary.put(piece, vocab.get(piece).asInt());
            }
            return vocabulary;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static TokenVectors distil(List<LabelledMessage> train, Map<String, Integer> vocabulary, Path previous) {
        WordPieces pieces = new WordPieces(vocabulary);
        Map<Integer, Integer> documentFrequency = new HashMap<>();
        for (LabelledMessage m : train) {
            for (int id : new HashSet<>(pieces.ids(MessageText.of(m.subject(), m.body()).own()))) {
                documentFrequency.merge(id, 1, Integer::sum);
            }
        }
        Set<Integer> wanted = new HashSet<>(documentFrequency.keySet());
        for (int id = FIRST_WORD; id < Math.min(vocabulary.size(), FIRST_WORD + COMMON_WORDS); id++) {
            wanted.add(id);
        }
        String[] byId = new String[vocabulary.size()];
        vocabulary.forEach((piece, id) -> byId[id] = piece);

        float[][] earlier = earlier(previous);
        float[][] vectors = new float[vocabulary.size()][];
        float[] weights = new float[vocabulary.size()];
        SentenceEmbeddings model = null;
        int computed = 0;
        for (int id : wanted.stream().sorted().toList()) {
            String piece = byId[id];
            if (piece == null || piece.startsWith("[")) {
                continue;
            }
            if (earlier != null && id < earlier.length && earlier[id] != null) {
                vectors[id] = earlier[id];
            } else {
                if (model == null) {
                    model = SentenceEmbeddings.load();
                }
                vectors[id] = model.embed(piece.startsWith("##") ? piece.substring(2) : piece);
                computed++;
            }
            // Inverse document frequency on the train split; a piece it never used counts as the rarest.
            weights[id] = (float) (Math.log((train.size() + 1.0) / (documentFrequency.getOrDefault(id, 0) + 1.0)) + 1);
        }
        System.out.printf("[afterhours] distilled all-MiniLM-L6-v2 into %d piece vectors (%d computed now)%n",
                wanted.size(), computed);
        return new TokenVectors(vocabulary, vectors, weights);
    }

    private static float[] @org.jspecify.annotations.Nullable [] earlier(Path previous) {
        if (!Files.isRegularFile(previous)) {
            return null;
        }
        try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(previous))) {
            return TokenVectors.read(in).vectors();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
