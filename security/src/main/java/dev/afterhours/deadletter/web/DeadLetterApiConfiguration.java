package dev.afterhours.deadletter.web;

import dev.afterhours.contracts.deadletter.DeadLetterAdmin;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;

/**
 * {@code /api/v1/admin/dead-letters} in every service that declares a {@link DeadLetterAdmin} bean for the
 * dead-letter topics it owns (the scheduler, the classifier, the notifier).
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBean(DeadLetterAdmin.class)
public class DeadLetterApiConfiguration {

    @Bean
    DeadLetterController deadLetterController(DeadLetterAdmin admin) {
        return new DeadLetterController(admin);
    }
}
