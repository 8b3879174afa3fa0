package dev.afterhours.scheduler.deadletter;

import dev.afterhours.contracts.Topics;
import dev.afterhours.contracts.deadletter.DeadLetterAdmin;
import dev.afterhours.scheduler.Infrastructure;
import dev.afterhours.scheduler.SchedulerProperties;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class DeadLetterConfiguration {

    /** The scheduler owns one dead-letter topic: classified messages it could not decode or process. */
    @Bean
    DeadLetterAdmin deadLetterAdmin(Infrastructure infrastructure, SchedulerProperties properties) {
        return new DeadLetterAdmin(infrastructure.kafka(),
                Set.of(Topics.MESSAGES_CLASSIFIED.deadLetterTopic()), properties.applicationId());
    }
}
