package dev.afterhours.benchmarks;

import dev.afterhours.classifier.classification.Classification;
import dev.afterhours.classifier.classification.CombinedClassifier;
import dev.afterhours.classifier.classification.CombinedClassifier.WordsVerdict;
import dev.afterhours.classifier.classification.ContactHistory;
import dev.afterhours.classifier.classification.MessageClassifier;
import dev.afterhours.classifier.text.MessageText;
import dev.afterhours.classifier.classification.RuleBasedClassifier;
import dev.afterhours.classifier.engine.ClassifierEngine;
import dev.afterhours.classifier.training.Corpus;
import dev.afterhours.classifier.training.HeldOutEvaluation;
import dev.afterhours.classifier.model.LabelledMessage;
import dev.afterhours.classifier.model.SecondOpinion;
import dev.afterhours.contracts.MessageReceived;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * The classifier's whole decision, as the service runs it ({@link HeldOutEvaluation#shippedClassifier()}: the rules,
 * the two OpenNLP maximum-entropy models the build trained into classifier-service's jar, and the contact history),
 * against the rules alone, on every message of the labelled corpus (four languages, all channels). Each call takes
 * the next corpus message, round-robin, so the JIT sees the real mix of lengths, languages and verdicts.
 *
 * <p>The corpus is read from {@code classifier-training/corpus} relative to the working directory, or from the
 * directory in the system property {@code afterhours.corpus}. Every message is judged as received at the same
 * instant, without a client profile (as in the held-out evaluation). The contact history is only read when
 * classifying, never written (the service's pipeline records a message after classifying it), so here it stays
 * empty: every call does the same work however long the run, and the repeat/missed-call look-ups cost their
 * minimum.
 *
 * <p>Single-threaded, so the figures are per core. {@code classify} and {@code rulesOnly} report messages per second;
 * {@code classifyTime} and {@code rulesOnlyTime} report the same calls as average microseconds per message.
 */
@State(Scope.Benchmark)
@Threads(1)
public class ClassifierBenchmark {

    static final Instant RECEIVED_AT = Instant.parse("2026-11-23T15:00:00Z");

    private MessageReceived[] messages;
    private MessageClassifier shipped;
    private MessageClassifier rules;
    private MessageClassifier wordsOnly;
    /** The shipped classifier again, with every message's words judged in setup, as the fast lane leaves them. */
    private CombinedClassifier judgedAhead;
    private WordsVerdict[] wordsAhead;
    private SecondOpinion secondOpinion;
    private String[] ownTexts;
    private int next;

    @Setup
    public void setUp() {
        Path directory = Path.of(System.getProperty("afterhours.corpus", "classifier-training/corpus"));
        List<LabelledMessage> corpus = Corpus.load(directory).all();
        if (corpus.isEmpty()) {
            throw new IllegalStateException("no messages in corpus " + directory.toAbsolutePath());
        }
        messages = corpus.stream().map(m -> m.toMessage("corpus", RECEIVED_AT)).toArray(MessageReceived[]::new);
        shipped = HeldOutEvaluation.shippedClassifier();
        rules = new RuleBasedClassifier();
        wordsOnly = HeldOutEvaluation.wordsOnlyClassifier();
        secondOpinion = SecondOpinion.fromClasspath();
        judgedAhead = ClassifierEngine.shippedClassifier(new ContactHistory());
        wordsAhead = new WordsVerdict[messages.length];
        for (int i = 0; i < messages.length; i++) {
            wordsAhead[i] = judgedAhead.words(messages[i], Optional.empty());
        }
        ownTexts = corpus.stream().map(m -> MessageText.of(m.subject(), m.body()).own()).toArray(String[]::new);
        // Every message must classify (a failure here beats one in the middle of a measurement).
        for (MessageReceived message : messages) {
            shipped.classify(message, Optional.empty(), RECEIVED_AT);
            rules.classify(message, Optional.empty(), RECEIVED_AT);
        }
        System.out.printf("%n%d corpus messages from %s; by language %s, by channel %s%n", messages.length,
                directory.toAbsolutePath().normalize(), count(corpus, LabelledMessage::language),
                count(corpus, m -> m.channel().name()));
    }

    private static Map<String, Long> count(List<LabelledMessage> corpus, Function<LabelledMessage, String> key) {
        return corpus.stream().collect(Collectors.groupingBy(key, TreeMap::new, Collectors.counting()));
    }

    private MessageReceived nextMessage() {
        MessageReceived message = messages[next];
        if (++next == messages.length) {
            next = 0;
        }
        return message;
    }

    /** The service's decision: messages per second. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public Classification classify() {
        return shipped.classify(nextMessage(), Optional.empty(), RECEIVED_AT);
    }

    /** The service's decision: microseconds per message. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Classification classifyTime() {
        return shipped.classify(nextMessage(), Optional.empty(), RECEIVED_AT);
    }

    /** The decision without the second opinion (rules and word models), for comparison: messages per second. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public Classification wordsOnly() {
        return wordsOnly.classify(nextMessage(), Optional.empty(), RECEIVED_AT);
    }

    /**
     * The pipeline's decision when the emergency fast lane judged the words first: only the context is added to the
     * lane's words verdict. Messages per second.
     */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public Classification contextOnly() {
        return nextInContext();
    }

    /** {@link #contextOnly}, in microseconds per message. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Classification contextOnlyTime() {
        return nextInContext();
    }

    /** The next message's decision on the words judged in setup. */
    private Classification nextInContext() {
        WordsVerdict words = wordsAhead[next];
        return judgedAhead.classify(nextMessage(), Optional.empty(), RECEIVED_AT, words);
    }

    /** What one consultation of the second opinion costs (the cascade pays it for the unsure share only). */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Object secondOpinionTime() {
        String text = ownTexts[next];
        if (++next == ownTexts.length) {
            next = 0;
        }
        return secondOpinion.consult(text);
    }

    /** The rules alone, for comparison: messages per second. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public Classification rulesOnly() {
        return rules.classify(nextMessage(), Optional.empty(), RECEIVED_AT);
    }

    /** The rules alone, for comparison: microseconds per message. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Classification rulesOnlyTime() {
        return rules.classify(nextMessage(), Optional.empty(), RECEIVED_AT);
    }
}
