package dev.afterhours.notifier.directory;

import dev.afterhours.directory.DirectoryView;
import dev.afterhours.directory.follow.FollowerMeters;
import dev.afterhours.kafka.KafkaConnection;
import dev.afterhours.notifier.kafka.KafkaConfiguration.TopicsReady;
import dev.afterhours.notifier.oncall.CoverageGapMeter;
import dev.afterhours.notifier.oncall.StaffDirectory;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The live directory (clients, staff, rotations, escalation policies), and the readiness check that it is loaded. */
@Configuration(proxyBeanMethods = false)
public class DirectoryConfiguration {

    @Bean(destroyMethod = "close")
    DirectoryView directoryView(TopicsReady topics, KafkaConnection kafka, @Value("${afterhours.registry.url}") String registryUrl) {
        return DirectoryView.start(kafka, registryUrl);
    }

    @Bean
    StaffDirectory staffDirectory(DirectoryView view) {
        return StaffDirectory.of(view);
    }

    /**
     * "directory" in /actuator/health (and readiness): DOWN until the directory topics have been read, and again
     * while the view restarts after an error; details say how often it restarted and why.
     */
    @Bean
    HealthIndicator directoryHealthIndicator(DirectoryView view) {
        return () -> {
            Health.Builder health = view.isCaughtUp() ? Health.up()
                    : Health.down().withDetail("reason", view.isLoaded() ? "directory view restarting" : "directory topics not read yet");
            return health.withDetails(view.status().details())
                    .withDetail("clients", view.clients().size())
                    .withDetail("staff", view.staffMembers().size())
                    .withDetail("rotations", view.rotations().size())
                    .withDetail("escalationPolicies", view.escalationPolicies().size())
                    .build();
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

    /** afterhours_oncall_coverage_gap_seconds{rotation}: nobody on call in the next 7 days (see CoverageGapMeter). */
    @Bean(destroyMethod = "close")
    CoverageGapMeter coverageGapMeter(DirectoryView view, Clock clock) {
        return new CoverageGapMeter(view, clock);
    }
}
