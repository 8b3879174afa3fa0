package dev.afterhours.testkit;

import dev.afterhours.contracts.Topic;
import dev.afterhours.kafka.ConsumerSettings;
import dev.afterhours.kafka.KafkaConnection;
import dev.afterhours.kafka.ProducerSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Reads a topic from the beginning, as raw bytes, for assertions: {@code TopicProbe.await(topic, n, timeout)}.
 * Values are decoded by the caller (with the registry serde, or {@link ConfluentWireFormat}).
 */
public final class TopicProbe {

    private TopicProbe() {
    }

    /** All records currently in the topic, read until {@code done} holds for the list or the timeout passes. */
    public static List<ConsumerRecord<byte[], byte[]>> readUntil(Topic<?, ?> topic,
            Predicate<List<ConsumerRecord<byte[], byte[]>>> done, Duration timeout) {
        Map<String, Object> config = consumer().readCommitted().clientId("probe").build();
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                     new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            Instant deadline = Instant.now().plus(timeout);
            List<TopicPartition> partitions = new ArrayList<>();
            while (partitions.isEmpty() && Instant.now().isBefore(deadline)) {
                consumer.partitionsFor(topic.name(), Duration.ofSeconds(5))
                        .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (!done.test(records) && Instant.now().isBefore(deadline)) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    /**
     * The sum of the topics' end offsets: what was ever written to them (transaction markers included). Equal
     * before and after means nothing was written in between.
     */
    public static long endOffsets(Topic<?, ?>... topics) {
        Map<String, Object> config = consumer().clientId("probe").build();
        long total = 0;
        try (KafkaConsumer<byte[], byte[]> consumer =
                     new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            for (Topic<?, ?> topic : topics) {
                List<TopicPartition> partitions = consumer.partitionsFor(topic.name(), Duration.ofSeconds(10)).stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                total += consumer.endOffsets(partitions, Duration.ofSeconds(10)).values().stream()
                        .mapToLong(Long::longValue).sum();
            }
        }
        return total;
    }

    private static KafkaConnection connection() {
        return KafkaConnection.plaintext(AfterhoursTestEnvironment.bootstrapServers());
    }

    /** Assigned by hand and never committing: a probe leaves no group or position behind. */
    private static ConsumerSettings consumer() {
        return ConsumerSettings.on(connection()).withoutGroup();
    }

    /** Writes raw bytes (a poison record, say) to a topic, bypassing every serializer. */
    public static void sendRaw(Topic<?, ?> topic, String key, byte[] value) {
        Map<String, Object> config = ProducerSettings.on(connection()).durable().clientId("probe").build();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic.name(), key, value)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Reads until at least {@code count} records are in the topic, or the timeout passes. */
    public static List<ConsumerRecord<byte[], byte[]>> readAtLeast(Topic<?, ?> topic, int count, Duration timeout) {
        return readUntil(topic, r -> r.size() >= count, timeout);
    }
}
