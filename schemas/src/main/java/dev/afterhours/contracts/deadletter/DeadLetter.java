package dev.afterhours.contracts.deadletter;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One record on a dead-letter topic, as an admin sees it: where it is, why it is there, how big it is; never
 * its body.
 *
 * @param key      the key as UTF-8 (a client id), or null
 * @param size     bytes of the value (the original value, as it arrived); 0 for none
 * @param replayed true once it has been replayed (a replay marker for it follows it in its partition)
 */
public record DeadLetter(String topic, int partition, long offset, Instant timestamp, @Nullable String key, int size,
                         Reason reason, boolean replayed) {

    /**
     * Why it was parked, from the headers of either writer: Kafka Streams ({@code __streams.errors.*}) or
     * spring-kafka's {@code DeadLetterPublishingRecoverer} ({@code kafka_dlt-*}).
     */
    public record Reason(@Nullable String exception, @Nullable String message, @Nullable String originalTopic,
                         @Nullable Integer originalPartition, @Nullable Long originalOffset) {
    }
}
