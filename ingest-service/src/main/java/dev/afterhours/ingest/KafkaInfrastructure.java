package dev.afterhours.ingest;

import dev.afterhours.contracts.Topic;
import dev.afterhours.contracts.TopicProvisioner;
import dev.afterhours.contracts.Topics;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Where Kafka and the registry are, and the topics this service reads and writes, created at startup if missing. */
@Configuration(proxyBeanMethods = false)
public class KafkaInfrastructure {

    /**
     * The connection facts every Kafka-facing bean needs. Depending on this bean also guarantees the topics exist.
     *
     * @param bootstrapServers comma-separated, as {@code spring.kafka.bootstrap-servers} says
     * @param registryBaseUrl  e.g. {@code http://localhost:8081}
     */
    public record Endpoints(String bootstrapServers, String registryBaseUrl) {
    }

    @Bean
    Endpoints kafkaEndpoints(KafkaProperties kafka,
            @Value("${afterhours.registry.url}") String registryBaseUrl,
            @Value("${afterhours.kafka.partitions:3}") int partitions,
            @Value("${afterhours.kafka.replication-factor:1}") short replicationFactor) {
        String bootstrap = String.join(",", kafka.getBootstrapServers());
        List<Topic<String, ?>> topics = new ArrayList<>(Topics.DIRECTORY);
        topics.add(Topics.MESSAGES_RECEIVED);
        topics.add(Topics.INGEST_PENDING_VOICEMAILS);
        TopicProvisioner.ensure(bootstrap, topics, partitions, replicationFactor);
        return new Endpoints(bootstrap, registryBaseUrl);
    }
}
