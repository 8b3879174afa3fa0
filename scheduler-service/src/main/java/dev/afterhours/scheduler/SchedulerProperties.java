package dev.afterhours.scheduler;

import dev.afterhours.contracts.Urgency;
import dev.afterhours.scheduler.sla.AcknowledgementPolicy;
import dev.afterhours.scheduler.sla.kafka.TimerRetry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the scheduler ({@code afterhours.scheduler.*}).
 *
 * @param applicationId        the Kafka Streams application id: consumer group, prefix of changelog topics and
 *                             transactional ids. Instances with the same id share the work.
 * @param stateDir             where the local state stores live; never wiped on start (the changelog topics
 *                             restore whatever is missing)
 * @param tick                 how often the wall-clock punctuator looks for due timers
 * @param defaultTargets       the target per urgency, on the CALENDAR clock, when the client is unknown or its
 *                             policy promises nothing for that urgency; missing urgencies take the built-in values
 * @param defaultWarnAtPercent the warning threshold used with the default targets
 * @param closedRetention      how long a met or breached SLA is remembered, so a re-delivered message does not
 *                             start it again
 * @param streamThreads        Kafka Streams threads of this instance
 * @param shutdownTimeout      how long a shutdown waits for Kafka Streams to commit and leave the group
 * @param timerRetryMaxBackoff the longest wait between attempts to fire a failing timer (the first wait is
 *                             {@code tick}, doubling after each failure)
 * @param timerFailureAlertAfter after this many failures in a row a timer counts in
 *                             {@code afterhours_scheduler_timer_failures_pending} (it is still kept and retried)
 * @param acknowledgementWindow after an auto-acknowledgement, how long the same conversation and the same sender get
 *                             no other (RFC 3834: an auto-responder answers a sender once in a while, not each time)
 */
@ConfigurationProperties(prefix = "afterhours.scheduler")
public record SchedulerProperties(
        @DefaultValue("afterhours-scheduler") String applicationId,
        @Nullable Path stateDir,
        @DefaultValue(SchedulerProperties.DEFAULT_TICK) Duration tick,
        @Nullable Map<Urgency, Duration> defaultTargets,
        @DefaultValue("75") int defaultWarnAtPercent,
        @DefaultValue("P7D") Duration closedRetention,
        @DefaultValue("1") int streamThreads,
        @DefaultValue("PT30S") Duration shutdownTimeout,
        @DefaultValue("PT5M") Duration timerRetryMaxBackoff,
        @DefaultValue("5") int timerFailureAlertAfter,
        @DefaultValue("PT24H") Duration acknowledgementWindow) {

    /**
     * How often due timers are looked for, by default: a quarter second, so a warning or a breach is published
     * well within a second of its due time (the tick, plus the exactly-once commit interval of 100 ms, plus the
     * stream thread's poll). It was a whole second, which alone could use the whole second.
     */
    public static final String DEFAULT_TICK = "PT0.25S";


    /** The targets used when a client's own policy cannot be applied. */
    public static final Map<Urgency, Duration> BUILT_IN_DEFAULT_TARGETS = Map.of(
            Urgency.EMERGENCY, Duration.ofMinutes(15),
            Urgency.HIGH, Duration.ofHours(2),
            Urgency.NORMAL, Duration.ofHours(8),
            Urgency.LOW, Duration.ofDays(2));

    public SchedulerProperties {
        if (stateDir == null) {
            stateDir = Path.of(System.getProperty("java.io.tmpdir"), "afterhours-scheduler");
        }
        Map<Urgency, Duration> targets = new EnumMap<>(BUILT_IN_DEFAULT_TARGETS);
        if (defaultTargets != null) {
            targets.putAll(defaultTargets);
        }
        targets.forEach((urgency, target) -> {
            if (target.isNegative() || target.isZero()) {
                throw new IllegalArgumentException("afterhours.scheduler.default-targets." + urgency
                        + ": must be positive, was " + target);
            }
        });
        defaultTargets = Map.copyOf(targets);
        if (tick.isNegative() || tick.isZero()) {
            throw new IllegalArgumentException("afterhours.scheduler.tick: must be positive, was " + tick);
        }
        if (defaultWarnAtPercent < 0 || defaultWarnAtPercent > 100) {
            throw new IllegalArgumentException("afterhours.scheduler.default-warn-at-percent: must be 0..100, was "
                    + defaultWarnAtPercent);
        }
        if (timerRetryMaxBackoff.compareTo(tick) < 0) {
            throw new IllegalArgumentException("afterhours.scheduler.timer-retry-max-backoff: must be at least the tick ("
                    + tick + "), was " + timerRetryMaxBackoff);
        }
        if (timerFailureAlertAfter < 1) {
            throw new IllegalArgumentException("afterhours.scheduler.timer-failure-alert-after: must be at least 1, was "
                    + timerFailureAlertAfter);
        }
        if (streamThreads < 1) {
            throw new IllegalArgumentException("afterhours.scheduler.stream-threads: must be at least 1, was " + streamThreads);
        }
    }

    /** When auto-acknowledgements may go out. */
    public AcknowledgementPolicy acknowledgements() {
        return new AcknowledgementPolicy(acknowledgementWindow);
    }

    /** How failing timers are retried. */
    public TimerRetry timerRetry() {
        return new TimerRetry(tick, timerRetryMaxBackoff, timerFailureAlertAfter);
    }

    @Override
    public Path stateDir() {
        return Objects.requireNonNull(stateDir);
    }

    @Override
    public Map<Urgency, Duration> defaultTargets() {
        return Objects.requireNonNull(defaultTargets);
    }
}
