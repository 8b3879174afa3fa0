package dev.afterhours.classifier.correction.kafka;

import dev.afterhours.classifier.correction.CorrectionHistory;
import dev.afterhours.classifier.correction.CorrectionsUnavailableException;
import dev.afterhours.contracts.Topics;
import dev.afterhours.contracts.UrgencyCorrected;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the corrections topic from the beginning up to its end offsets at call time, with a fresh assigned
 * consumer (no group, nothing committed). Exports take turns: they are rare, and share one deserializer.
 */
public final class KafkaCorrectionHistory implements CorrectionHistory, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaCorrectionHistory.class);

    private final Supplier<KafkaConsumer<String, byte[]>> consumers;
    private final Deserializer<SpecificRecord> values;
    private final Duration timeout;

    KafkaCorrectionHistory(Supplier<KafkaConsumer<String, byte[]>> consumers, Deserializer<SpecificRecord> values,
            Duration timeout) {
        this.consumers = consumers;
        this.values = values;
        this.timeout = timeout;
    }

    @Override
    public synchronized History readAll() {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<UrgencyCorrected> corrections = new ArrayList<>();
        int skipped = 0;
        try (KafkaConsumer<String, byte[]> consumer = consumers.get()) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.URGENCY_CORRECTIONS.name(), timeout).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            while (partitions.stream().anyMatch(p -> consumer.position(p, timeout) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new CorrectionsUnavailableException("the corrections topic could not be read to its end within "
                            + timeout);
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() >= end.get(new TopicPartition(record.topic(), record.partition()))) {
                        continue; // published after the export started
                    }
                    UrgencyCorrected correction = decode(record);
                    if (correction == null) {
                        skipped++;
                    } else {
                        corrections.add(correction);
                    }
                }
            }
        } catch (KafkaException e) {
            throw new CorrectionsUnavailableException("cannot read the corrections topic: " + e, e);
        }
        return new History(corrections, skipped);
    }

    private @Nullable UrgencyCorrected decode(ConsumerRecord<String, byte[]> record) {
        try {
            if (record.value() != null
                    && values.deserialize(record.topic(), record.value()) instanceof UrgencyCorrected correction) {
                return correction;
            }
            log.warn("Export skips {}-{}@{}: not an UrgencyCorrected", record.topic(), record.partition(), record.offset());
        } catch (RuntimeException e) {
            log.warn("Export skips {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.toString());
        }
        return null;
    }

    @Override
    public synchronized void close() {
        values.close();
    }
}
