package dev.afterhours.directory.follow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.afterhours.testkit.EmbeddedBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A follower against the testkit's real broker: it keeps following through consumer, creation and handler errors. */
class TopicFollowerIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private final List<String> applied = new CopyOnWriteArrayList<>();
    private String topic;
    private KafkaProducer<String, String> producer;
    private TopicFollower<String> follower;

    @BeforeEach
    void topicAndProducer() throws Exception {
        topic = "follower-it-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedBroker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();
        }
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedBroker.bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    @AfterEach
    void close() {
        if (follower != null) {
            follower.close();
        }
        producer.close();
    }

    @Test
    void restartsAfterAConsumerErrorAndKeepsFollowingWithoutReapplying() throws Exception {
        publish("a", "b");
        AtomicBoolean failNextPoll = new AtomicBoolean();
        follower = follow(consumersFailingPollWhen(failNextPoll), new StringDeserializer());
        assertThat(follower.awaitCaughtUp(WAIT)).isTrue();
        await().atMost(WAIT).until(() -> applied.size() == 2);
        assertThat(follower.restarts()).isZero();
        assertThat(follower.lastFailure()).isEmpty();

        failNextPoll.set(true);
        // Readiness reads details(): while restarting they must say so. Asked together, in one moment, since the
        // follower may be back before a second question.
        await().atMost(WAIT).until(() -> !follower.isCaughtUp() && Boolean.FALSE.equals(follower.details().get("caughtUp")));
        assertThat(follower.hasCaughtUpOnce()).isTrue();
        publish("c");

        assertThat(follower.awaitCaughtUp(WAIT)).isTrue();
        await().atMost(WAIT).until(() -> applied.size() == 3);
        assertThat(applied).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(follower.restarts()).isEqualTo(1);
        assertThat(follower.isRunning()).isTrue();
        assertThat(follower.lastFailure()).hasValueSatisfying(f -> assertThat(f.error()).hasMessage("poll failed (test)"));
        assertThat(follower.details()).containsEntry("caughtUp", true).containsEntry("restarts", 1L)
                .containsKey("lastError");

        publish("d");
        await().atMost(WAIT).until(() -> applied.contains("d"));
        assertThat(applied).hasSize(4);
    }

    @Test
    void retriesCreatingTheConsumerAndIsNotCaughtUpUntilItHasOne() throws Exception {
        publish("a");
        AtomicInteger attempts = new AtomicInteger();
        Supplier<Consumer<String, byte[]>> standard = TopicFollower.consumers(EmbeddedBroker.bootstrapServers(), "it");
        follower = follow(() -> {
            if (attempts.incrementAndGet() <= 2) {
                throw new KafkaException("no consumer yet (test)");
            }
            return standard.get();
        }, new StringDeserializer());

        assertThat(follower.isCaughtUp()).isFalse();
        assertThat(follower.awaitCaughtUp(WAIT)).isTrue();
        assertThat(follower.restarts()).isEqualTo(2);
        assertThat(attempts).hasValue(3);
        publish("b");
        await().atMost(WAIT).until(() -> applied.size() == 2);
        assertThat(applied).containsExactly("a", "b");
    }

    @Test
    void aHandlerErrorRestartsAndTheRecordIsAppliedAgain() throws Exception {
        publishTo(0, "a", "b", "c");
        AtomicBoolean failOnB = new AtomicBoolean(true);
        follower = TopicFollower.builder("it", new StringDeserializer())
                .topic(topic)
                .consumers(TopicFollower.consumers(EmbeddedBroker.bootstrapServers(), "it"))
                .backoff(Duration.ofMillis(200), Duration.ofSeconds(1))
                .onRecord((record, value) -> {
                    if ("b".equals(value) && failOnB.getAndSet(false)) {
                        throw new IllegalStateException("handler failed (test)");
                    }
                    applied.add(value);
                })
                .start();

        assertThat(follower.awaitCaughtUp(WAIT)).isTrue();
        assertThat(applied).containsExactly("a", "b", "c");
        assertThat(follower.restarts()).isEqualTo(1);
        assertThat(follower.lastFailure()).hasValueSatisfying(f -> assertThat(f.error()).hasMessage("handler failed (test)"));
    }

    @Test
    void anUndecodableRecordIsSkippedCountedAndHandedOnWithoutARestart() throws Exception {
        publishTo(0, "a", "poison", "b");
        List<Long> handedOn = new CopyOnWriteArrayList<>();
        Deserializer<String> strict = (t, data) -> {
            String text = new String(data, StandardCharsets.UTF_8);
            if (text.equals("poison")) {
                throw new SerializationException("cannot decode (test)");
            }
            return text;
        };
        follower = TopicFollower.builder("it", strict)
                .topic(topic)
                .consumers(TopicFollower.consumers(EmbeddedBroker.bootstrapServers(), "it"))
                .onRecord((record, value) -> applied.add(value))
                .onUndecodable((record, error) -> handedOn.add(record.offset()))
                .start();

        assertThat(follower.awaitCaughtUp(WAIT)).isTrue();
        assertThat(applied).containsExactly("a", "b");
        assertThat(follower.skipped()).isEqualTo(1);
        assertThat(handedOn).containsExactly(1L);
        assertThat(follower.restarts()).isZero();
    }

    @Test
    void closingStopsTheThread() throws Exception {
        follower = follow(TopicFollower.consumers(EmbeddedBroker.bootstrapServers(), "it"), new StringDeserializer());
        assertThat(follower.awaitCaughtUp(WAIT)).isTrue();
        follower.close();
        assertThat(follower.isRunning()).isFalse();
        assertThat(follower.isCaughtUp()).isFalse();
    }

    private TopicFollower<String> follow(Supplier<? extends Consumer<String, byte[]>> consumers, Deserializer<String> values) {
        return TopicFollower.builder("it", values)
                .topic(topic)
                .consumers(consumers)
                // Long enough to see "not caught up" between the error and the restart.
                .backoff(Duration.ofSeconds(1), Duration.ofSeconds(2))
                .onRecord((record, value) -> applied.add(value))
                .start();
    }

    /** Standard follower consumers whose poll throws once, when the flag is set. */
    private static Supplier<Consumer<String, byte[]>> consumersFailingPollWhen(AtomicBoolean failNextPoll) {
        return () -> {
            Map<String, Object> config = new HashMap<>();
            config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedBroker.bootstrapServers());
            config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer()) {
                @Override
                public ConsumerRecords<String, byte[]> poll(Duration timeout) {
                    if (failNextPoll.getAndSet(false)) {
                        throw new KafkaException("poll failed (test)");
                    }
                    return super.poll(timeout);
                }
            };
        };
    }

    private void publish(String... values) throws Exception {
        for (String value : values) {
            producer.send(new ProducerRecord<>(topic, value, value)).get();
        }
    }

    private void publishTo(int partition, String... values) throws Exception {
        for (String value : values) {
            producer.send(new ProducerRecord<>(topic, partition, value, value)).get();
        }
    }
}
