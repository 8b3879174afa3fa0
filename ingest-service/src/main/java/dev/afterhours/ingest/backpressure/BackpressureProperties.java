package dev.afterhours.ingest.backpressure;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of ingest's backpressure ({@code afterhours.ingest.backpressure.*}).
 *
 * @param enabled         {@code false}: never refuse (the lag is still measured and exported)
 * @param maxBacklog      how many messages may wait on the received topic for the classifier before routine
 *                        messages are refused (429, SMTP 451)
 * @param group           the consumer group whose lag on the received topic is the backlog (the classifier's)
 * @param refreshInterval how often the lag is read from Kafka, in the background
 * @param lagGroups       the consumer groups (or Kafka Streams application ids) whose lag is exported as
 *                        {@code afterhours_pipeline_consumer_lag}, per topic they have committed offsets on
 */
@ConfigurationProperties(prefix = "afterhours.ingest.backpressure")
public record BackpressureProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("50000") long maxBacklog,
        @DefaultValue("afterhours-classifier") String group,
        @DefaultValue("PT1S") Duration refreshInterval,
        @DefaultValue({"afterhours-classifier", "afterhours-classifier-fast-lane", "afterhours-scheduler",
                "afterhours-notifier"}) List<String> lagGroups) {

    public BackpressureProperties {
        if (maxBacklog < 1) {
            throw new IllegalArgumentException("afterhours.ingest.backpressure.max-backlog must be at least 1, was "
                    + maxBacklog + " (enabled=false turns the limit off)");
        }
        if (refreshInterval.compareTo(Duration.ofMillis(100)) < 0) {
            throw new IllegalArgumentException("afterhours.ingest.backpressure.refresh-interval must be at least "
                    + "PT0.1S, was " + refreshInterval);
        }
        if (group.isBlank()) {
            throw new IllegalArgumentException("afterhours.ingest.backpressure.group must name a consumer group");
        }
        lagGroups = List.copyOf(lagGroups);
    }
}
