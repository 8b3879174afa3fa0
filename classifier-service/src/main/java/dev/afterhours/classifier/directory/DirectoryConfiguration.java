package dev.afterhours.classifier.directory;

import dev.afterhours.classifier.PlatformProperties;
import dev.afterhours.classifier.ProvisionedTopics;
import dev.afterhours.classifier.triage.ClientDirectory;
import dev.afterhours.contracts.ClientProfile;
import dev.afterhours.directory.DirectoryView;
import dev.afterhours.directory.follow.FollowerMeters;
import dev.afterhours.kafka.KafkaConnection;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Collection;
import java.util.Optional;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class DirectoryConfiguration {

    /** Follows the compacted directory topics for the lifetime of the service; changes apply without a restart. */
    @Bean(destroyMethod = "close")
    DirectoryView directoryView(KafkaConnection kafka, PlatformProperties platform, ProvisionedTopics topics) {
        return DirectoryView.start(kafka, platform.registry().url());
    }

    @Bean
    ClientDirectory clientDirectory(DirectoryView view) {
        return new ClientDirectory() {
            @Override
            public Optional<ClientProfile> client(String clientId) {
                return view.client(clientId);
            }

            @Override
            public Collection<ClientProfile> clients() {
                return view.clients();
            }
        };
    }

    /**
     * DOWN until the directory has been read to its end once: before that the classifier would judge every message
     * against the agency's default calendar. DOWN again while the view restarts after an error (details: restarts,
     * lastError). Part of the readiness group; its name is "directory".
     */
    @Bean
    HealthIndicator directoryHealthIndicator(DirectoryView view) {
        return () -> {
            Health.Builder health = view.isCaughtUp() ? Health.up()
                    : Health.down().withDetail("reason", view.isLoaded() ? "directory view restarting" : "directory still loading");
            health.withDetails(view.status().details());
            health.withDetail("clients", view.clients().size());
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
