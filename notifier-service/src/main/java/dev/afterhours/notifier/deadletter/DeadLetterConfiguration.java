package dev.afterhours.notifier.deadletter;

import dev.afterhours.contracts.Topics;
import dev.afterhours.contracts.deadletter.DeadLetterAdmin;
import dev.afterhours.kafka.KafkaConnection;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class DeadLetterConfiguration {

    /**
     * The notifier owns the dead-letter topics of what it consumes: escalations and SLA events it could not decode
     * or act on. A replayed escalation pages like any other, and the ledger still pages each key once.
     */
    @Bean
    DeadLetterAdmin deadLetterAdmin(KafkaConnection kafka) {
        return new DeadLetterAdmin(kafka,
                Set.of(Topics.ESCALATIONS.deadLetterTopic(), Topics.SLA_EVENTS.deadLetterTopic()), "afterhours-notifier");
    }
}
