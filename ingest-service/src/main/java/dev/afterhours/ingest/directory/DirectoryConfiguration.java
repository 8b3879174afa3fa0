package dev.afterhours.ingest.directory;

import dev.afterhours.directory.DirectoryPublisher;
import dev.afterhours.directory.DirectoryView;
import dev.afterhours.ingest.IngestProperties;
import dev.afterhours.ingest.KafkaInfrastructure.Endpoints;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The directory view (closed on shutdown), its publisher, the seeder and the {@code directory} health indicator. */
@Configuration(proxyBeanMethods = false)
public class DirectoryConfiguration {

    @Bean
    DirectoryView directoryView(Endpoints endpoints, MeterRegistry meters) {
        DirectoryView view = DirectoryView.start(endpoints.bootstrapServers(), endpoints.registryBaseUrl());
        Gauge.builder("afterhours.ingest.directory.clients", view, v -> v.clients().size())
                .description("Clients in this instance's directory view")
                .register(meters);
        return view;
    }

    @Bean
    DirectoryPublisher directoryPublisher(Endpoints endpoints) {
        return new DirectoryPublisher(endpoints.bootstrapServers(), endpoints.registryBaseUrl());
    }

    @Bean
    DirectorySeeder directorySeeder(@Value("${afterhours.directory.seed-file:}") String seedFile, DirectoryView view,
            DirectoryPublisher publisher, IngestProperties properties) {
        return new DirectorySeeder(seedFile, view, publisher, properties.startupTimeout());
    }

    /** Readiness: DOWN until the view has read the directory topics, and until the seed (if any) is published. */
    @Bean
    HealthIndicator directoryHealthIndicator(DirectoryView view, DirectorySeeder seeder) {
        return () -> {
            Health.Builder health = view.isLoaded() && seeder.isDone() ? Health.up() : Health.down();
            health.withDetail("loaded", view.isLoaded())
                    .withDetail("seeded", seeder.isDone())
                    .withDetail("clients", view.clients().size())
                    .withDetail("staff", view.staffMembers().size())
                    .withDetail("rotations", view.rotations().size())
                    .withDetail("escalationPolicies", view.escalationPolicies().size());
            view.lastUpdate().ifPresent(at -> health.withDetail("lastUpdate", at.toString()));
            return health.build();
        };
    }
}
