package dev.afterhours.classifier;

import java.time.DayOfWeek;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Configuration of the classifier service.
 *
 * @param consumerGroup        the consumer group reading {@code afterhours.messages.received.v1}
 * @param concurrency          listener threads of this instance (each owns some partitions)
 * @param transactionIdPrefix  prefix of the producers' {@code transactional.id}; give each instance a stable,
 *                             unique one (e.g. the pod name) so a restarted instance fences its predecessor at
 *                             once; unset means a random prefix per start, safe when several run on one host
 * @param retry                how often a failing record is retried before it goes to the dead-letter topic
 * @param defaultCalendar      the agency's support hours, used for messages whose client is unknown
 * @param fastLane             the emergency fast lane that pages ahead of the transactional pipeline
 */
@ConfigurationProperties(prefix = "afterhours.classifier")
public record ClassifierProperties(
        @DefaultValue("afterhours-classifier") String consumerGroup,
        @DefaultValue("1") int concurrency,
        @Nullable String transactionIdPrefix,
        @DefaultValue Retry retry,
        @DefaultValue DefaultCalendar defaultCalendar,
        @DefaultValue FastLane fastLane) {

    /**
     * @param enabled whether this instance runs the lane
     * @param groupId the lane's consumer group (its own offsets, apart from the pipeline's)
     * @param maxAge  messages received longer ago than this are left to the pipeline (a lane starting after an
     *                outage does not page history)
     */
    public record FastLane(@DefaultValue("true") boolean enabled,
            @DefaultValue("afterhours-classifier-fast-lane") String groupId,
            @DefaultValue("PT15M") Duration maxAge) {
    }

    /**
     * @param attempts retries after the first failure
     * @param backoff  pause between attempts
     */
    public record Retry(@DefaultValue("2") int attempts, @DefaultValue("1s") Duration backoff) {
    }

    /**
     * Weekly hours in one zone: open {@code [from, to)} on each of {@code days}, closed on {@code holidays}.
     *
     * @param zone     IANA zone id
     * @param days     open days
     * @param from     opening time, HH:mm
     * @param to       closing time, HH:mm or 24:00
     * @param holidays local dates, YYYY-MM-DD
     */
    public record DefaultCalendar(
            @DefaultValue("America/New_York") String zone,
            @DefaultValue({"MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"}) List<DayOfWeek> days,
            @DefaultValue("09:00") String from,
            @DefaultValue("17:00") String to,
            @DefaultValue List<String> holidays) {
    }
}
