package dev.afterhours.ingest;

import dev.afterhours.contracts.Topic;
import dev.afterhours.contracts.TopicProvisioner;
import dev.afterhours.contracts.Topics;
import dev.afterhours.kafka.KafkaConnection;
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
     * @param connection      the bootstrap servers and the security settings ({@code spring.kafka.ssl.*},
     *                        {@code spring.kafka.security.*}, {@code spring.kafka.properties.*}) for every client
     *                        built by hand
     * @param registryBaseUrl e.g. {@code http://localhost:8081}
     */
    public record Endpoints(KafkaConnection connection, String registryBaseUrl) {

        /** Comma-separated, as {@code spring.kafka.bootstrap-servers} says. */
        public String bootstrapServers() {
            return connection.bootstrapServers();
        }
    }

    @Bean
    Endpoints kafkaEndpoints(KafkaProperties kafka,
            @Value("${afterhours.registry.url}") String registryBaseUrl,
            @Value("${afterhours.kafka.partitions:3}") int partitions,
            @Value("${afterhours.kafka.replication-factor:1}") short replicationFactor) {
        KafkaConnection connection = KafkaConnection.fromClientConfig(kafka.buildAdminProperties());
        List<Topic<String, ?>> topics = new ArrayList<>(Topics.DIRECTORY);
        topics.add(Topics.MESSAGES_RECEIVED);
        topics.add(Topics.INGEST_PENDING_VOICEMAILS);
        topics.add(Topics.ESCALATIONS); // the early page writes there
        topics.add(Topics.REPLIES); // staff replies for the notifier to send
        TopicProvisioner.ensure(connection, topics, partitions, replicationFactor);
        return new Endpoints(connection, registryBaseUrl);
    }
}
