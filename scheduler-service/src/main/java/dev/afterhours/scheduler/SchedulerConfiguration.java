package dev.afterhours.scheduler;

import dev.afterhours.contracts.Topic;
import dev.afterhours.contracts.TopicProvisioner;
import dev.afterhours.contracts.Topics;
import dev.afterhours.kafka.KafkaConnection;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Infrastructure settings and the topics the scheduler reads and writes. */
@Configuration(proxyBeanMethods = false)
class SchedulerConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SchedulerConfiguration.class);

    /** The topics this service reads (classified messages, the directory) and writes (with their .dlt). */
    static final List<Topic<String, ?>> TOPICS;

    static {
        List<Topic<String, ?>> topics = new ArrayList<>(List.of(
                Topics.MESSAGES_CLASSIFIED, Topics.SLA_EVENTS, Topics.ESCALATIONS, Topics.AUTO_REPLIES));
        topics.addAll(Topics.DIRECTORY);
        TOPICS = List.copyOf(topics);
    }

    /** Every client built by hand (provisioning, directory view, Kafka Streams) connects as Spring's clients do. */
    @Bean
    Infrastructure infrastructure(KafkaProperties kafka,
            @Value("${afterhours.registry.url}") String registryUrl,
            @Value("${afterhours.kafka.partitions:3}") int partitions,
            @Value("${afterhours.kafka.replication-factor:1}") short replicationFactor) {
        return new Infrastructure(KafkaConnection.fromClientConfig(kafka.buildAdminProperties()), registryUrl, partitions,
                replicationFactor);
    }

    /** Creates missing topics before anything reads them: the directory view and Kafka Streams both need them. */
    @Bean
    ProvisionedTopics provisionedTopics(Infrastructure infrastructure) {
        TopicProvisioner.ensure(infrastructure.kafka(), TOPICS, infrastructure.partitions(),
                infrastructure.replicationFactor());
        log.info("Topics in place: {}", TOPICS.stream().map(Topic::name).toList());
        return new ProvisionedTopics(TOPICS.stream().map(Topic::name).toList());
    }

    /** Marker bean: the topics exist. */
    public record ProvisionedTopics(List<String> names) {
    }
}
