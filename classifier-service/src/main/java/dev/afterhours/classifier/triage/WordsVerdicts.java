package dev.afterhours.classifier.triage;

import dev.afterhours.classifier.classification.CombinedClassifier.WordsVerdict;
import dev.afterhours.contracts.ClientProfile;
import dev.afterhours.contracts.MessageReceived;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The words verdicts the emergency fast lane judged ahead of the pipeline, by message id, so the pipeline adds only
 * the context instead of classifying every message a second time (the words are the expensive part). An entry is
 * reused once, and only for the same message and a client profile {@code equal} to the one it was judged with:
 * anything else (a directory update in between, a lane that fell behind, an entry evicted) is judged again, so the
 * decision is the one the pipeline would have made alone. Bounded, the oldest entry going first: a verdict the
 * pipeline never takes (it went first) costs memory only until it is pushed out.
 *
 * <p>{@code afterhours.classifier.words.verdicts{outcome=reused|computed}} counts the pipeline's verdicts.
 */
public final class WordsVerdicts {

    /**
     * About two seconds of a flood at 2,000 messages a second. A lane further ahead of the pipeline than that (a
     * backlog) has its verdicts pushed out, and the pipeline judges again, as it did before this cache.
     */
    public static final int DEFAULT_CAPACITY = 4096;
    public static final String METRIC = "afterhours.classifier.words.verdicts";

    private record Ahead(MessageReceived message, Optional<ClientProfile> client, WordsVerdict words) {
    }

    private final int capacity;
    /** In the order kept, oldest first; guarded by itself. */
    private final Map<String, Ahead> byMessageId = new LinkedHashMap<>();
    private final Counter reused;
    private final Counter computed;

    public WordsVerdicts(int capacity, MeterRegistry registry) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.capacity = capacity;
        this.reused = counter(registry, "reused", "judged by the fast lane, reused by the pipeline");
        this.computed = counter(registry, "computed", "judged by the pipeline itself");
    }

    private static Counter counter(MeterRegistry registry, String outcome, String description) {
        return Counter.builder(METRIC).description("Words verdicts of the pipeline's decisions: " + description)
                .tag("outcome", outcome).register(registry);
    }

    /** Keeps what the fast lane judged of {@code message} with {@code client}, for the pipeline. */
    public void keep(MessageReceived message, Optional<ClientProfile> client, WordsVerdict words) {
        Ahead ahead = new Ahead(message, client, words);
        synchronized (byMessageId) {
            byMessageId.put(message.getMessageId(), ahead);
            if (byMessageId.size() > capacity) {
                byMessageId.remove(byMessageId.keySet().iterator().next());
            }
        }
    }

    /**
     * The pipeline's words verdict: the one kept for this message and an equal client profile, removed, or else
     * {@code judge}'s.
     */
    public WordsVerdict take(MessageReceived message, Optional<ClientProfile> client, Supplier<WordsVerdict> judge) {
        @Nullable Ahead ahead;
        synchronized (byMessageId) {
            ahead = byMessageId.remove(message.getMessageId());
        }
        if (ahead != null && ahead.client().equals(client) && ahead.message().equals(message)) {
            reused.increment();
            return ahead.words();
        }
        computed.increment();
        return judge.get();
    }

    /** How many verdicts wait for the pipeline. */
    public int size() {
        synchronized (byMessageId) {
            return byMessageId.size();
        }
    }
}
