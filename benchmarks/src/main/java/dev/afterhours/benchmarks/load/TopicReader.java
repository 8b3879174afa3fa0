package dev.afterhours.benchmarks.load;

import dev.afterhours.kafka.ConsumerSettings;
import dev.afterhours.kafka.KafkaConnection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads topics from their ends at start, committed records only ({@code read_committed}), on a thread of its own,
 * without a consumer group: what the generator counts is what a downstream consumer would see.
 */
final class TopicReader<V> implements AutoCloseable {

    private final KafkaConsumer<String, V> consumer;
    private final Thread thread;
    private volatile boolean running = true;

    TopicReader(String bootstrap, List<String> topics, Deserializer<V> values, Consumer<ConsumerRecord<String, V>> onRecord) {
        Map<String, Object> config = ConsumerSettings.on(KafkaConnection.plaintext(bootstrap)).readCommitted()
                .with(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2_000).build();
        consumer = new KafkaConsumer<>(config, new StringDeserializer(), values);
        List<TopicPartition> partitions = topics.stream()
                .flatMap(topic -> consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                        .map(info -> new TopicPartition(topic, info.partition())))
                .toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // fix the start now, before the load begins
        thread = Thread.ofPlatform().daemon().name("reader-" + String.join(",", topics)).start(() -> {
            while (running) {
                consumer.poll(Duration.ofMillis(100)).forEach(onRecord);
            }
            consumer.close();
        });
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(5_000);
    }
}
