package dev.afterhours.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * A producer's configuration: where it connects, plus the promises it makes. Each promise sets what it needs and
 * overrides what configuration said where the promise depends on it ({@link #durable()}); tuning that is a matter of
 * taste ({@link #batched()}) only fills what configuration left unset.
 *
 * <pre>{@code
 * Map<String, Object> config = ProducerSettings.from(kafka.buildProducerProperties())
 *         .durable().answerWithin(Duration.ofSeconds(5)).clientId("ingest-received").build();
 * }</pre>
 */
public final class ProducerSettings {

    /** linger.ms of {@link #batched()}: long enough to gather a poll's records, short next to a page's deadline. */
    static final int BATCH_LINGER_MS = 5;
    static final int BATCH_SIZE_BYTES = 64 * 1024;
    static final String BATCH_COMPRESSION = "lz4";

    private final Map<String, Object> config;

    private ProducerSettings(Map<String, ?> base) {
        this.config = new HashMap<>(base);
    }

    /** Starts from the connection: bootstrap servers and the security settings that let a client in. */
    public static ProducerSettings on(KafkaConnection connection) {
        return new ProducerSettings(connection.clientConfig());
    }

    /** Starts from a full client configuration, such as Spring Boot's {@code KafkaProperties.buildProducerProperties()}. */
    public static ProducerSettings from(Map<String, ?> base) {
        return new ProducerSettings(base);
    }

    /**
     * Nothing the broker acknowledged is lost, and a retried send is never written twice: {@code acks=all} and the
     * idempotent producer. Not left to configuration: every record we write is one somebody relies on.
     */
    public ProducerSettings durable() {
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return this;
    }

    /**
     * Someone is waiting for the answer (an HTTP request, an SMTP session): each record leaves at once, and a send
     * fails within about {@code timeout} instead of the client's default two minutes, so the caller can answer 503.
     * The request timeout is half of it, so one retry of a lost request still fits.
     */
    public ProducerSettings answerWithin(Duration timeout) {
        long millis = timeout.toMillis();
        if (millis < 1) {
            throw new IllegalArgumentException("timeout must be at least 1 ms, was " + timeout);
        }
        int bounded = Math.toIntExact(Math.min(millis, Integer.MAX_VALUE));
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, millis);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, bounded);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.max(1, Math.min(bounded, Math.max(1000, bounded / 2 - 100))));
        return this;
    }

    /** Each record leaves at once, without waiting to share a request: for the few that cannot wait (a 911). */
    public ProducerSettings unbatched() {
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        return this;
    }

    /**
     * Throughput: records sent together leave together, in fewer, fuller, compressed requests (linger 5 ms,
     * 64 KiB batches, lz4), unless configuration says otherwise.
     */
    public ProducerSettings batched() {
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, BATCH_LINGER_MS);
        config.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, BATCH_SIZE_BYTES);
        config.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, BATCH_COMPRESSION);
        return this;
    }

    /** Writes inside transactions under this id: a new producer with the same id fences the old one. Implies durable. */
    public ProducerSettings transactional(String transactionalId) {
        durable();
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        return this;
    }

    /**
     * Writes outside transactions even when configuration names a transaction-id prefix (Spring's
     * {@code spring.kafka.producer.transaction-id-prefix} is meant for the service's transactional listeners).
     */
    public ProducerSettings nonTransactional() {
        config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        return this;
    }

    /** {@code prefix-<random>}: unique per client, so two clients of one service never collide in quotas and metrics. */
    public ProducerSettings clientId(String prefix) {
        config.put(ProducerConfig.CLIENT_ID_CONFIG, prefix + "-" + UUID.randomUUID());
        return this;
    }

    /** Any other setting, for what no promise above covers. */
    public ProducerSettings with(String key, Object value) {
        config.put(key, value);
        return this;
    }

    /** A new, modifiable configuration for {@code new KafkaProducer<>(...)} or a Spring producer factory. */
    public Map<String, Object> build() {
        return new HashMap<>(config);
    }
}
