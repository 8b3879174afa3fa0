package dev.afterhours.notifier.ledger;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;
import org.jspecify.annotations.Nullable;
import org.springframework.kafka.core.KafkaOperations;

/**
 * What a compacted outcomes topic says, in memory: the latest outcome of each once-only send (an acknowledgement, a
 * digest, a staff reply), by its id. Fed by a follower that reads the topic from its beginning, and directly by this
 * instance right after each of its own records is acknowledged by the broker. Any outcome at all, an intent
 * ({@code ATTEMPTED}) included, means the send is never made again.
 *
 * @param <R> the record written to the topic
 * @param <V> what is kept of it: just the outcome where that is all anyone asks, the whole record where a status
 *            is shown
 */
public class OutcomeLedger<R extends SpecificRecord, V> {

    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);


    private final Map<String, V> latest = new ConcurrentHashMap<>();
    private final Function<R, String> id;
    private final Function<R, V> kept;
    private final Predicate<V> intentOnly;

    /**
     * @param id         the send's id, the topic's key
     * @param kept       what to keep of a record
     * @param intentOnly whether a kept value is only the intent written before the send ({@code ATTEMPTED})
     */
    public OutcomeLedger(Function<R, String> id, Function<R, V> kept, Predicate<V> intentOnly) {
        this.id = id;
        this.kept = kept;
        this.intentOnly = intentOnly;
    }

    public void apply(R recorded) {
        // An intent never replaces an outcome: a late copy of it must not hide that the send was made.
        latest.merge(id.apply(recorded), kept.apply(recorded), (prior, next) -> intentOnly.test(next) ? prior : next);
    }

    /**
     * Writes a record to the outcomes topic under its id, waits for the broker's acknowledgement, then applies it.
     *
     * @throws RecordingFailedException if it was not acknowledged; the caller's record is then retried, and what
     *                                  was recorded before keeps it from being sent twice
     */
    public void record(KafkaOperations<String, SpecificRecord> kafka, String topic, R recorded) {
        String key = id.apply(recorded);
        try {
            kafka.send(topic, key, recorded).get(WRITE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RecordingFailedException("Interrupted while recording " + key + " on " + topic, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new RecordingFailedException("Could not record " + key + " on " + topic + ": " + e, e);
        }
        apply(recorded);
    }

    /** What was kept of the latest record for this id, or null if it was never handled. */
    public @Nullable V latest(String sendId) {
        return latest.get(sendId);
    }
}
