package dev.afterhours.classifier.correction.kafka;

import dev.afterhours.classifier.PlatformProperties;
import dev.afterhours.classifier.ProvisionedTopics;
import dev.afterhours.classifier.correction.CorrectionProperties;
import dev.afterhours.classifier.triage.MessageTriage;
import dev.afterhours.contracts.TopicProvisioner;
import dev.afterhours.contracts.Topics;
import dev.afterhours.contracts.UrgencyCorrected;
import dev.afterhours.contracts.connection.KafkaConnection;
import dev.afterhours.contracts.serde.RegistrySerdes;
import dev.afterhours.directory.follow.FollowerMeters;
import dev.afterhours.directory.follow.FollowerStatus;
import dev.afterhours.directory.follow.TopicFollower;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Kafka side of corrections. Plain Kafka clients, not Spring beans of type ProducerFactory, KafkaTemplate or
 * ConsumerFactory, so the pipeline's transactional factories stay the only ones the container and Boot see.
 */
@Configuration(proxyBeanMethods = false)
class CorrectionKafkaConfiguration {

    /** Marks that the corrections topic exists (created with its .dlt at startup when missing). */
    record CorrectionsTopicProvisioned() {
    }

    @Bean
    CorrectionsTopicProvisioned correctionsTopicProvisioned(KafkaConnection kafka, PlatformProperties platform) {
        TopicProvisioner.ensure(kafka, List.of(Topics.URGENCY_CORRECTIONS),
                platform.kafka().partitions(), platform.kafka().replicationFactor());
        return new CorrectionsTopicProvisioned();
    }

    /**
     * Needs the classified topic to exist: ProvisionedTopics (the pipeline's) creates it. Reading the topic anyway,
     * it also rebuilds the pipeline's contact history (repeated calls, missed call then voicemail) after a restart.
     */
    @Bean(destroyMethod = "close")
    ClassifiedTopicFollower classifiedTopicFollower(KafkaProperties kafka, PlatformProperties platform,
            ProvisionedTopics topics, MessageTriage triage) {
        return ClassifiedTopicFollower.start(
                TopicFollower.consumers(consumerConfig(kafka, "classified-index"), "afterhours-classifier-classified-index"),
                deserializer(platform), classified -> triage.rememberReplayed(classified, Instant.now()));
    }

    @Bean(destroyMethod = "close")
    KafkaClassificationSource classificationSource(ClassifiedTopicFollower follower, KafkaProperties kafka,
            PlatformProperties platform, CorrectionProperties properties) {
        Map<String, Object> config = consumerConfig(kafka, "classified-lookup");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
        // A position below the log start means the classification is no longer retained: say so, do not guess.
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        return new KafkaClassificationSource(follower,
                new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer()),
                deserializer(platform), properties);
    }

    @Bean(destroyMethod = "close")
    KafkaCorrectionSink correctionSink(KafkaProperties kafka, PlatformProperties platform,
            CorrectionProperties properties, CorrectionsTopicProvisioned topic) {
        Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
        config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "afterhours-classifier-corrections-" + UUID.randomUUID());
        // Not left to configuration: a staff member's correction must not be lost or duplicated by a retry.
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // Someone is waiting for the answer: send at once, and give up (503) within the configured time.
        int timeoutMillis = Math.toIntExact(properties.publishTimeout().toMillis());
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMillis);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMillis);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeoutMillis);
        KafkaProducer<String, UrgencyCorrected> producer = new KafkaProducer<>(config, new StringSerializer(),
                RegistrySerdes.valueSerializer(RegistrySerdes.coreApi(platform.registry().url())));
        return new KafkaCorrectionSink(producer, properties.publishTimeout());
    }

    @Bean(destroyMethod = "close")
    KafkaCorrectionHistory correctionHistory(KafkaProperties kafka, PlatformProperties platform,
            CorrectionProperties properties, CorrectionsTopicProvisioned topic) {
        return new KafkaCorrectionHistory(
                () -> new KafkaConsumer<>(consumerConfig(kafka, "corrections-export"), new StringDeserializer(),
                        new ByteArrayDeserializer()),
                deserializer(platform), properties.exportTimeout());
    }

    /**
     * "correctionIndex" in /actuator/health: DOWN until the classified topic has been indexed up to its end at
     * startup (before that a correction may wait up to index-wait, then get a 404), and while its follower restarts
     * after an error.
     */
    @Bean
    HealthIndicator correctionIndexHealthIndicator(ClassifiedTopicFollower follower) {
        return () -> {
            FollowerStatus status = follower.status();
            return (status.isCaughtUp() ? Health.up() : Health.down())
                    .withDetails(status.details())
                    .withDetail("messages", follower.positions().size())
                    .withDetail("skipped", follower.skipped())
                    .build();
        };
    }

    /** Restarts and caught-up of the index's follower, tagged with the topic's name (see {@link FollowerMeters}). */
    @Bean
    MeterBinder classifiedTopicFollowerMeters(ClassifiedTopicFollower follower) {
        return new FollowerMeters(follower.status());
    }

    /** Bound by Boot to the meter registry: the index's size, memory and undecodable records. */
    @Bean
    MeterBinder correctionIndexMeters(ClassifiedTopicFollower follower) {
        return registry -> {
            Gauge.builder("afterhours.classifier.corrections.index.messages", follower, f -> f.positions().size())
                    .description("Messages whose classification the corrections index can find")
                    .register(registry);
            Gauge.builder("afterhours.classifier.corrections.index.memory", follower, f -> f.positions().footprintBytes())
                    .description("Memory held by the corrections index")
                    .baseUnit("bytes")
                    .register(registry);
            FunctionCounter.builder("afterhours.classifier.corrections.index.skipped", follower,
                            ClassifiedTopicFollower::skipped)
                    .description("Classified records the index could not decode (logged)")
                    .register(registry);
        };
    }

    private static Map<String, Object> consumerConfig(KafkaProperties kafka, String purpose) {
        Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
        // Assigned partitions, no group: every instance reads everything, nothing is committed.
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "afterhours-classifier-" + purpose + "-" + UUID.randomUUID());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // Only committed classifications exist: an aborted attempt of the pipeline must never be corrected.
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return config;
    }

    private static Deserializer<SpecificRecord> deserializer(PlatformProperties platform) {
        return RegistrySerdes.valueDeserializer(RegistrySerdes.coreApi(platform.registry().url()));
    }
}
