package dev.afterhours.classifier.deadletter;

import dev.afterhours.contracts.Topics;
import dev.afterhours.contracts.deadletter.DeadLetterAdmin;
import dev.afterhours.kafka.KafkaConnection;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class DeadLetterConfiguration {

    /**
     * The classifier owns one dead-letter topic: received messages it could not decode or classify. A replayed one
     * goes back to the received topic and is classified like any other (once: the pipeline is transactional).
     */
    @Bean
    DeadLetterAdmin deadLetterAdmin(KafkaConnection kafka) {
        return new DeadLetterAdmin(kafka,
                Set.of(Topics.MESSAGES_RECEIVED.deadLetterTopic()), "afterhours-classifier");
    }
}
