package dev.afterhours.ingest.directory;

import dev.afterhours.directory.DirectoryPublisher;
import dev.afterhours.directory.DirectoryValidator;
import dev.afterhours.directory.DirectoryView;
import dev.afterhours.directory.OutboundUrlPolicy;
import dev.afterhours.directory.follow.FollowerMeters;
import dev.afterhours.ingest.IngestProperties;
import dev.afterhours.ingest.KafkaInfrastructure.Endpoints;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The directory view (closed on shutdown), its publisher, the seeder and the {@code directory} health indicator. */
@Configuration(proxyBeanMethods = false)
public class DirectoryConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DirectoryConfiguration.class);

    @Bean
    DirectoryView directoryView(Endpoints endpoints, MeterRegistry meters) {
        DirectoryView view = DirectoryView.start(endpoints.connection(), endpoints.registryBaseUrl());
        Gauge.builder("afterhours.ingest.directory.clients", view, v -> v.clients().size())
                .description("Clients in this instance's directory view")
                .register(meters);
        return view;
    }

    /**
     * Judges every record saved through the admin API or the seed; a webhook URL must not point at an internal
     * address unless {@code afterhours.directory.outbound-allow} (env AFTERHOURS_OUTBOUND_ALLOW) lists it.
     */
    @Bean
    DirectoryValidator directoryValidator(@Value("${afterhours.directory.outbound-allow:}") String outboundAllow) {
        OutboundUrlPolicy policy = OutboundUrlPolicy.parse(outboundAllow);
        if (!policy.allowList().isEmpty()) {
            log.info("Directory: webhook URLs to internal addresses are allowed only for {}", policy.allowList());
        }
        return DirectoryValidator.withOutboundPolicy(policy);
    }

    @Bean
    DirectoryPublisher directoryPublisher(Endpoints endpoints, DirectoryValidator validator) {
        return new DirectoryPublisher(endpoints.connection(), endpoints.registryBaseUrl(), validator);
    }

    @Bean
    DirectorySeeder directorySeeder(@Value("${afterhours.directory.seed-file:}") String seedFile, DirectoryView view,
            DirectoryPublisher publisher, IngestProperties properties) {
        return new DirectorySeeder(seedFile, view, publisher, properties.startupTimeout());
    }

    /**
     * Readiness: DOWN until the view has read the directory topics, and until the seed (if any) is published; DOWN
     * again while the view restarts after an error (details: caughtUp, restarts, lastError).
     */
    @Bean
    HealthIndicator directoryHealthIndicator(DirectoryView view, DirectorySeeder seeder) {
        return () -> {
            Health.Builder health = view.isCaughtUp() && seeder.isDone() ? Health.up() : Health.down();
            health.withDetail("loaded", view.isLoaded())
                    .withDetails(view.status().details())
                    .withDetail("seeded", seeder.isDone())
                    .withDetail("clients", view.clients().size())
                    .withDetail("staff", view.staffMembers().size())
                    .withDetail("rotations", view.rotations().size())
                    .withDetail("escalationPolicies", view.escalationPolicies().size());
            view.lastUpdate().ifPresent(at -> health.withDetail("lastUpdate", at.toString()));
            return health.build();
        };
    }

    /**
     * afterhours_topic_follower_restarts_total, afterhours_topic_follower_skipped_total and
     * afterhours_topic_follower_caught_up (1 or 0), tagged follower="directory".
     */
    @Bean
    MeterBinder directoryFollowerMeters(DirectoryView view) {
        return new FollowerMeters(view.status());
    }
}
