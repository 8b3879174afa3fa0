package dev.afterhours.classifier.correction.kafka;

import dev.afterhours.classifier.PlatformProperties;
import dev.afterhours.classifier.ProvisionedTopics;
import dev.afterhours.classifier.correction.CorrectionProperties;
import dev.afterhours.contracts.TopicProvisioner;
import dev.afterhours.contracts.Topics;
import dev.afterhours.contracts.UrgencyCorrected;
import dev.afterhours.contracts.serde.RegistrySerdes;
import dev.afterhours.directory.follow.FollowerMeters;
import dev.afterhours.directory.follow.FollowerStatus;
import dev.afterhours.directory.follow.TopicFollower;
import dev.afterhours.kafka.ConsumerSettings;
import dev.afterhours.kafka.ConsumerSettings.Start;
import dev.afterhours.kafka.KafkaConnection;
import dev.afterhours.kafka.ProducerSettings;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
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
            ProvisionedTopics topics, ClassifiedTopicFollower.Replay replay) {
        return ClassifiedTopicFollower.start(
                TopicFollower.consumers(lookupConsumer(kafka, "classified-index").build(), "afterhours-classifier-classified-index"),
                deserializer(platform), replay::replayed);
    }

    @Bean(destroyMethod = "close")
    KafkaClassificationSource classificationSource(ClassifiedTopicFollower follower, KafkaProperties kafka,
            PlatformProperties platform, CorrectionProperties properties) {
        Map<String, Object> config = lookupConsumer(kafka, "classified-lookup")
                .with(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1)
                // A position below the log start means the classification is no longer retained: say so, do not guess.
                .startAt(Start.NONE)
                .build();
        return new KafkaClassificationSource(follower,
                new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer()),
                deserializer(platform), properties);
    }

    @Bean(destroyMethod = "close")
    KafkaCorrectionSink correctionSink(KafkaProperties kafka, PlatformProperties platform,
            CorrectionProperties properties, CorrectionsTopicProvisioned topic) {
        // A staff member's correction must not be lost or duplicated by a retry; they wait for the answer (503 in time).
        Map<String, Object> config = ProducerSettings.from(kafka.buildProducerProperties()).nonTransactional()
                .durable().answerWithin(properties.publishTimeout()).clientId("afterhours-classifier-corrections").build();
        KafkaProducer<String, UrgencyCorrected> producer = new KafkaProducer<>(config, new StringSerializer(),
                RegistrySerdes.valueSerializer(RegistrySerdes.coreApi(platform.registry().url())));
        return new KafkaCorrectionSink(producer, properties.publishTimeout());
    }

    @Bean(destroyMethod = "close")
    KafkaCorrectionHistory correctionHistory(KafkaProperties kafka, PlatformProperties platform,
            CorrectionProperties properties, CorrectionsTopicProvisioned topic) {
        return new KafkaCorrectionHistory(
                () -> new KafkaConsumer<>(lookupConsumer(kafka, "corrections-export").build(), new StringDeserializer(),
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

    /**
     * Assigned partitions, no group: every instance reads everything, nothing is committed. Only committed
     * classifications exist: an aborted attempt of the pipeline must never be corrected.
     */
    private static ConsumerSettings lookupConsumer(KafkaProperties kafka, String purpose) {
        return ConsumerSettings.from(kafka.buildConsumerProperties()).withoutGroup().readCommitted()
                .clientId("afterhours-classifier-" + purpose);
    }

    private static Deserializer<SpecificRecord> deserializer(PlatformProperties platform) {
        return RegistrySerdes.valueDeserializer(RegistrySerdes.coreApi(platform.registry().url()));
    }
}
