package dev.afterhours.scheduler.directory;

import dev.afterhours.directory.DirectoryView;
import dev.afterhours.directory.follow.FollowerMeters;
import dev.afterhours.scheduler.Infrastructure;
import io.micrometer.core.instrument.binder.MeterBinder;
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
        return DirectoryView.start(infrastructure.kafka(), infrastructure.registryUrl());
    }

    /**
     * DOWN until the directory topics have been read to their end, and again while the view restarts after an
     * error (details: restarts, lastError); part of the readiness group.
     */
    @Bean
    HealthIndicator directoryHealthIndicator(DirectoryView directory) {
        return () -> {
            Health.Builder health = directory.isCaughtUp() ? Health.up()
                    : Health.down().withDetail("reason", directory.isLoaded() ? "restarting" : "loading");
            health.withDetails(directory.status().details());
            directory.lastUpdate().ifPresent(at -> health.withDetail("lastUpdate", at.toString()));
            return health.withDetail("clients", directory.clients().size()).build();
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
