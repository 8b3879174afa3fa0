package dev.afterhours.scheduler;

import dev.afterhours.contracts.MessageClassified;
import dev.afterhours.contracts.Topic;
import dev.afterhours.contracts.TopicProvisioner;
import dev.afterhours.contracts.Topics;
import dev.afterhours.contracts.serde.RegistrySerdes;
import dev.afterhours.directory.DirectoryPublisher;
import dev.afterhours.testkit.AfterhoursTestEnvironment;
import dev.afterhours.testkit.TopicProbe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.test.context.DynamicPropertyRegistry;

/** Producing classified messages and reading the scheduler's topics against the testkit's broker and registry. */
public final class ItSupport {

    private ItSupport() {
    }

    /**
     * Everything a context of the service needs against the testkit's broker and registry, under a Kafka Streams
     * application id and in a state directory of its own, so test classes sharing the broker never share state.
     */
    public static void infrastructure(DynamicPropertyRegistry registry, String applicationId) throws IOException {
        AfterhoursTestEnvironment.springProperties().forEach((key, value) -> registry.add(key, () -> value));
        Path stateDir = Files.createTempDirectory(applicationId + "-state");
        registry.add("afterhours.scheduler.application-id", () -> applicationId);
        registry.add("afterhours.scheduler.state-dir", stateDir::toString);
    }

    /** The catalog topics exist (compacted where they must be) before anyone produces to them. */
    public static void provisionTopics() {
        TopicProvisioner.ensure(AfterhoursTestEnvironment.bootstrapServers(), Topics.ALL, 3, (short) 1);
    }

    public static void publishToDirectory(SpecificRecord... records) {
        try (DirectoryPublisher publisher = new DirectoryPublisher(AfterhoursTestEnvironment.bootstrapServers(),
                AfterhoursTestEnvironment.registryUrl())) {
            for (SpecificRecord record : records) {
                publisher.publish(record);
            }
        }
    }

    /** Sends classified messages, keyed by clientId, as the classifier would. */
    public static void send(MessageClassified... messages) {
        Map<String, Object> config = new HashMap<>(AfterhoursTestEnvironment.serdeConfig());
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, AfterhoursTestEnvironment.bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        try (KafkaProducer<String, MessageClassified> producer = new KafkaProducer<>(config, new StringSerializer(),
                RegistrySerdes.<MessageClassified>valueSerializer(AfterhoursTestEnvironment.registry().coreApiUrl()))) {
            for (MessageClassified message : messages) {
                producer.send(new ProducerRecord<>(Topics.MESSAGES_CLASSIFIED.name(), message.getClientId(), message)).get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * Reads a topic from the beginning (read_committed) until {@code done} holds for the decoded values of
     * interest, or the timeout passes; returns those values in topic order per partition.
     */
    public static <T extends SpecificRecord> List<T> read(Topic<String, T> topic, Predicate<T> interesting,
            Predicate<List<T>> done, Duration timeout) {
        Deserializer<T> values = RegistrySerdes.valueDeserializer(AfterhoursTestEnvironment.registry().coreApiUrl());
        List<T> matched = new ArrayList<>();
        int[] decoded = {0};
        TopicProbe.readUntil(topic, records -> {
            for (; decoded[0] < records.size(); decoded[0]++) {
                ConsumerRecord<byte[], byte[]> record = records.get(decoded[0]);
                T value = values.deserialize(topic.name(), record.value());
                if (interesting.test(value)) {
                    matched.add(value);
                }
            }
            return done.test(matched);
        }, timeout);
        values.close();
        return matched;
    }
}
