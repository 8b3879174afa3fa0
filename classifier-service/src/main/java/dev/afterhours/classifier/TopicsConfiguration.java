package dev.afterhours.classifier;

import dev.afterhours.contracts.Topic;
import dev.afterhours.contracts.TopicProvisioner;
import dev.afterhours.contracts.Topics;
import dev.afterhours.kafka.KafkaConnection;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class TopicsConfiguration {

    /** Creates the missing ones among the topics we read and write; the directory view and the listener wait for it. */
    @Bean
    ProvisionedTopics provisionedTopics(KafkaConnection kafka, PlatformProperties platform) {
        List<Topic<String, ?>> topics = new ArrayList<>(List.of(Topics.MESSAGES_RECEIVED, Topics.MESSAGES_CLASSIFIED));
        topics.addAll(Topics.DIRECTORY);
        TopicProvisioner.ensure(kafka, topics, platform.kafka().partitions(),
                platform.kafka().replicationFactor());
        return new ProvisionedTopics(topics);
    }
}
