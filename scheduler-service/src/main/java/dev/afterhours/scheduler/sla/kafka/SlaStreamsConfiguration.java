package dev.afterhours.scheduler.sla.kafka;

import dev.afterhours.directory.DirectoryView;
import dev.afterhours.scheduler.Infrastructure;
import dev.afterhours.scheduler.SchedulerProperties;
import dev.afterhours.scheduler.sla.SlaMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.streams.KafkaStreams;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the SLA topology into the application. */
@Configuration(proxyBeanMethods = false)
class SlaStreamsConfiguration {

    @Bean
    SlaMetrics slaMetrics(MeterRegistry registry) {
        return new SlaMetrics(registry);
    }

    @Bean
    SlaStreams slaStreams(SchedulerProperties properties, Infrastructure infrastructure, DirectoryView directory,
            SlaMetrics metrics) {
        return new SlaStreams(properties, infrastructure, directory, metrics);
    }

    /** UP only while Kafka Streams runs (or rebalances); part of the readiness group. */
    @Bean
    HealthIndicator streamsHealthIndicator(SlaStreams streams, DirectoryView directory) {
        return () -> {
            KafkaStreams.State state = streams.state().orElse(null);
            boolean up = directory.isLoaded() && state != null
                    && (state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING);
            return (up ? Health.up() : Health.down())
                    .withDetail("state", state == null ? "NOT_STARTED" : state.name())
                    .withDetail("directoryLoaded", directory.isLoaded())
                    .build();
        };
    }
}
