package dev.afterhours.notifier.directory;

import dev.afterhours.directory.DirectoryView;
import dev.afterhours.notifier.kafka.KafkaConfiguration.TopicsReady;
import dev.afterhours.notifier.oncall.StaffDirectory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The live directory (clients, staff, rotations, escalation policies), and the readiness check that it is loaded. */
@Configuration(proxyBeanMethods = false)
public class DirectoryConfiguration {

    @Bean(destroyMethod = "close")
    DirectoryView directoryView(TopicsReady topics, KafkaProperties kafka, @Value("${afterhours.registry.url}") String registryUrl) {
        return DirectoryView.start(String.join(",", kafka.getBootstrapServers()), registryUrl);
    }

    @Bean
    StaffDirectory staffDirectory(DirectoryView view) {
        return StaffDirectory.of(view);
    }

    /** "directory" in /actuator/health: DOWN until the directory topics have been read. */
    @Bean
    HealthIndicator directoryHealthIndicator(DirectoryView view) {
        return () -> {
            Health.Builder health = view.isLoaded() ? Health.up() : Health.down().withDetail("reason", "directory topics not read yet");
            return health.withDetail("clients", view.clients().size())
                    .withDetail("staff", view.staffMembers().size())
                    .withDetail("rotations", view.rotations().size())
                    .withDetail("escalationPolicies", view.escalationPolicies().size())
                    .build();
        };
    }
}
