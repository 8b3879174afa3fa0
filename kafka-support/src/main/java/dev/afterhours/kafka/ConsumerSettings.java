package dev.afterhours.kafka;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * A consumer's configuration: where it connects, plus what it promises about what it reads and how it moves on.
 *
 * <pre>{@code
 * Map<String, Object> config = ConsumerSettings.on(connection)
 *         .readCommitted().withoutGroup().startAt(Start.EARLIEST).clientId("directory").build();
 * }</pre>
 */
public final class ConsumerSettings {

    /** Where a consumer starts when it has no committed position (Kafka's {@code auto.offset.reset}). */
    public enum Start {
        /** The oldest retained record: nothing is missed. */
        EARLIEST,
        /** The end of the log: only what arrives from now on. */
        LATEST,
        /** Nowhere: the read fails, so a position that fell below the log start is reported, not guessed at. */
        NONE;

        String setting() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** session.timeout.ms of {@link #quickTakeover()}. */
    public static final int TAKEOVER_SESSION_TIMEOUT_MS = 10_000;
    /** heartbeat.interval.ms of {@link #quickTakeover()}: a third of the session, as Kafka advises. */
    public static final int TAKEOVER_HEARTBEAT_MS = 3_000;

    private final Map<String, Object> config;

    private ConsumerSettings(Map<String, ?> base) {
        this.config = new HashMap<>(base);
    }

    /** Starts from the connection: bootstrap servers and the security settings that let a client in. */
    public static ConsumerSettings on(KafkaConnection connection) {
        return new ConsumerSettings(connection.clientConfig());
    }

    /** Starts from a full client configuration, such as Spring Boot's {@code KafkaProperties.buildConsumerProperties()}. */
    public static ConsumerSettings from(Map<String, ?> base) {
        return new ConsumerSettings(base);
    }

    /**
     * Sees only what was committed, and moves on only when we say so: {@code read_committed}, so an aborted
     * transaction's attempt is never acted on, and no auto-commit, so a position is committed only after what the
     * record caused is durable (or in the same transaction). Not left to configuration.
     */
    public ConsumerSettings readCommitted() {
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return this;
    }

    /**
     * Not part of a consumer group: partitions are assigned by hand, every instance reads everything, nothing is
     * committed (a follower that rebuilds a view, a lookup).
     */
    public ConsumerSettings withoutGroup() {
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return this;
    }

    /**
     * A group member that dies hands its partitions to the others after {@value #TAKEOVER_SESSION_TIMEOUT_MS} ms
     * without a heartbeat (heartbeats every {@value #TAKEOVER_HEARTBEAT_MS} ms), unless configuration says otherwise.
     * Kafka's default of 45 s held a dead instance's emergencies that long ({@code deploy/bin/measure-takeover.sh}).
     */
    public ConsumerSettings quickTakeover() {
        config.putIfAbsent(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, TAKEOVER_SESSION_TIMEOUT_MS);
        config.putIfAbsent(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, TAKEOVER_HEARTBEAT_MS);
        return this;
    }

    /** Where to start without a committed position, whatever configuration says. */
    public ConsumerSettings startAt(Start start) {
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, start.setting());
        return this;
    }

    /** Where to start without a committed position, unless configuration says otherwise. */
    public ConsumerSettings startAtUnlessConfigured(Start start) {
        config.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, start.setting());
        return this;
    }

    /** {@code prefix-<random>}: unique per client, so two clients of one service never collide in quotas and metrics. */
    public ConsumerSettings clientId(String prefix) {
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, prefix + "-" + UUID.randomUUID());
        return this;
    }

    /** Any other setting, for what no promise above covers. */
    public ConsumerSettings with(String key, Object value) {
        config.put(key, value);
        return this;
    }

    /** A new, modifiable configuration for {@code new KafkaConsumer<>(...)} or a Spring consumer factory. */
    public Map<String, Object> build() {
        return new HashMap<>(config);
    }
}
