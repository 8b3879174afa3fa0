package dev.afterhours.scheduler.directory;

import dev.afterhours.directory.DirectoryView;
import dev.afterhours.scheduler.Infrastructure;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;

/** The live directory (clients, calendars, SLA policies) every SLA decision reads. */
@Configuration(proxyBeanMethods = false)
class DirectoryConfiguration {

    @Bean(destroyMethod = "close")
    @DependsOn("provisionedTopics")
    DirectoryView directoryView(Infrastructure infrastructure) {
        return DirectoryView.start(infrastructure.bootstrapServers(), infrastructure.registryUrl());
    }

    /** DOWN until the directory topics have been read to their end; part of the readiness group. */
    @Bean
    HealthIndicator directoryHealthIndicator(DirectoryView directory) {
        return () -> {
            Health.Builder health = directory.isLoaded() ? Health.up() : Health.down().withDetail("reason", "loading");
            directory.lastUpdate().ifPresent(at -> health.withDetail("lastUpdate", at.toString()));
            return health.withDetail("clients", directory.clients().size()).build();
        };
    }
}
