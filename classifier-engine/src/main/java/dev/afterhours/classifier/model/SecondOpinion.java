package dev.afterhours.classifier.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The second opinion the decision asks when the word model is unsure: the labelled training messages nearest in
 * meaning to this one (all-MiniLM-L6-v2, distilled into {@link TokenVectors}) and their vote. Both tables are built
 * with the word models ({@link ModelTraining}) and travel in the jar.
 */
public final class SecondOpinion {

    public static final String TOKENS_RESOURCE = "token-vectors.bin";
    public static final String NEIGHBOURS_RESOURCE = "neighbours.bin";
    /** Neighbours that vote; chosen by cross-validation on the train split. */
    public static final int K = 7;

    private final TokenVectors tokens;
    private final NearestExamples examples;

    public SecondOpinion(TokenVectors tokens, NearestExamples examples) {
        this.tokens = tokens;
        this.examples = examples;
    }

    /** The tables the build wrote into this module's classes. */
    public static SecondOpinion fromClasspath() {
        return new SecondOpinion(read(TOKENS_RESOURCE, TokenVectors::read), read(NEIGHBOURS_RESOURCE, NearestExamples::read));
    }

    /** The token table of the build, for cross-validation with nearest examples of each fold. */
    public static TokenVectors tokensFromClasspath() {
        return read(TOKENS_RESOURCE, TokenVectors::read);
    }

    private interface Reader<T> {
        T read(InputStream in) throws IOException;
    }

    private static <T> T read(String name, Reader<T> reader) {
        try (InputStream in = SecondOpinion.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is not on the classpath next to " + SecondOpinion.class.getName()
                        + "; the build writes it (ModelTraining) in process-classes");
            }
            return reader.read(new java.io.BufferedInputStream(in, 1 << 16));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }

    /** @param ownText the sender's own words, as {@code MessageText.own()} gives them */
    public NearestExamples.Vote consult(String ownText) {
        return examples.vote(tokens.embed(ownText), K);
    }
}
