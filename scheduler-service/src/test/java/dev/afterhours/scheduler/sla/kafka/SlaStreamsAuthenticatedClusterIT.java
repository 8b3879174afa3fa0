package dev.afterhours.scheduler.sla.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.afterhours.kafka.KafkaConnection;
import dev.afterhours.scheduler.sla.SlaMetrics;
import dev.afterhours.testkit.SaslBroker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scheduler's Kafka Streams configuration against a real broker that demands SASL/PLAIN authentication (as the
 * Kubernetes cluster demands TLS client certificates): with the connection's settings its consumers, exactly-once
 * producers and changelog-creating admin client are let in; with the bootstrap address alone it never runs.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class SlaStreamsAuthenticatedClusterIT {

    @TempDir
    Path stateDir;

    @Test
    void a_stateful_exactly_once_topology_runs_with_the_connection() throws Exception {
        KafkaConnection connection = SaslBroker.connection();
        String input = "afterhours.test.sasl-streams-in." + UUID.randomUUID();
        String output = "afterhours.test.sasl-streams-out." + UUID.randomUUID();
        try (Admin admin = Admin.create(connection.clientConfig())) {
            admin.createTopics(List.of(new NewTopic(input, 1, (short) 1), new NewTopic(output, 1, (short) 1))).all().get();
        }
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(connection.clientConfig(),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(input, "client-1", "a")).get();
            producer.send(new ProducerRecord<>(input, "client-1", "b")).get();
        }

        try (KafkaStreams streams = new KafkaStreams(countingTopology(input, output), SlaStreamsConfig.properties(
                "sasl-streams-" + UUID.randomUUID(), connection, Files.createDirectories(stateDir.resolve("ok")), 1, 1,
                new SlaMetrics(new SimpleMeterRegistry())));
                KafkaConsumer<String, Long> consumer = new KafkaConsumer<>(readCommitted(connection),
                        new StringDeserializer(), new LongDeserializer())) {
            streams.start();
            consumer.subscribe(List.of(output));
            List<ConsumerRecord<String, Long>> counts = new ArrayList<>();
            await().atMost(Duration.ofSeconds(90)).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(counts::add);
                return counts.stream().anyMatch(r -> r.value() == 2L);
            });
            assertThat(streams.state()).isEqualTo(KafkaStreams.State.RUNNING);
        }
    }

    @Test
    void without_the_connection_it_never_runs() throws Exception {
        String input = "afterhours.test.sasl-streams-refused." + UUID.randomUUID();
        KafkaStreams streams = new KafkaStreams(countingTopology(input, input + ".out"), SlaStreamsConfig.properties(
                "sasl-streams-refused-" + UUID.randomUUID(), SaslBroker.withoutCredentials(),
                Files.createDirectories(stateDir.resolve("refused")), 1, 1, new SlaMetrics(new SimpleMeterRegistry())));
        // Every state it passes through, not only the one it is in at the end: a moment of RUNNING is a failure too.
        List<KafkaStreams.State> states = new CopyOnWriteArrayList<>();
        streams.setStateListener((now, before) -> states.add(now));
        try {
            streams.start();
            // A refusal can only be shown by waiting: the broker's SASL handshake is retried for this long.
            Thread.sleep(10_000);
            assertThat(states).doesNotContain(KafkaStreams.State.RUNNING);
            assertThat(streams.state()).isNotEqualTo(KafkaStreams.State.RUNNING);
        } finally {
            // Bounded: a plain close() waits for ever for threads that cannot reach the broker.
            streams.close(Duration.ofSeconds(15));
        }
    }

    private static Topology countingTopology(String input, String output) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(input, Consumed.with(Serdes.String(), Serdes.String()))
                .groupByKey()
                .count(Materialized.<String, Long, KeyValueStore<Bytes, byte[]>>as("counts")
                        .withKeySerde(Serdes.String()).withValueSerde(Serdes.Long()))
                .toStream()
                .to(output, Produced.with(Serdes.String(), Serdes.Long()));
        return builder.build();
    }

    private static Map<String, Object> readCommitted(KafkaConnection connection) {
        Map<String, Object> config = connection.clientConfig();
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "sasl-streams-reader-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return config;
    }
}
