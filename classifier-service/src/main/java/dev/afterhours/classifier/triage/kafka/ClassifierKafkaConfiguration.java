package dev.afterhours.classifier.triage.kafka;

import dev.afterhours.classifier.ClassifierProperties;
import dev.afterhours.classifier.PlatformProperties;
import dev.afterhours.classifier.ProvisionedTopics;
import dev.afterhours.classifier.correction.kafka.ClassifiedTopicFollower;
import dev.afterhours.classifier.triage.ClassificationMetrics;
import dev.afterhours.classifier.triage.MessageTriage;
import dev.afterhours.contracts.Topics;
import dev.afterhours.contracts.serde.RegistrySerdes;
import dev.afterhours.kafka.ConsumerSettings;
import dev.afterhours.kafka.ConsumerSettings.Start;
import dev.afterhours.kafka.ProducerSettings;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.MicrometerConsumerListener;
import org.springframework.kafka.core.MicrometerProducerListener;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.kafka.transaction.KafkaTransactionManager;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Exactly-once consume-classify-produce, a batch at a time: a transactional producer, {@code read_committed}
 * consumers, and the consumed offsets of a whole poll committed in the same transaction as its classified records,
 * so every received message yields exactly one committed MessageClassified, across crashes and rebalances. Records
 * that cannot be processed go to {@code afterhours.messages.received.v1.dlt} inside that transaction.
 *
 * <p>One transaction per record capped the service at about 40 messages a second on a 2-core machine (each commit
 * is a round of broker writes); one per poll of up to {@code max.poll.records} removes that cap.
 */
@Configuration(proxyBeanMethods = false)
class ClassifierKafkaConfiguration {

    /**
     * The classified topic, read back from the beginning by the corrections' follower, rebuilds the contact history
     * (repeated calls, a missed call then a voicemail) after a restart.
     */
    @Bean
    ClassifiedTopicFollower.Replay contactHistoryReplay(MessageTriage triage) {
        return classified -> triage.rememberReplayed(classified, Instant.now());
    }

    @Bean
    DefaultKafkaProducerFactory<String, Object> kafkaProducerFactory(KafkaProperties kafka, PlatformProperties platform,
            ClassifierProperties properties, MeterRegistry meters) {
        // Exactly-once needs durable; a poll's records leave together (tunable under spring.kafka.producer).
        Map<String, Object> config = ProducerSettings.from(kafka.buildProducerProperties()).durable().batched().build();
        config.putAll(RegistrySerdes.config(RegistrySerdes.coreApi(platform.registry().url())));
        // Classified records are Avro; a poison record goes to the dead-letter topic as the bytes it arrived as.
        Map<Class<?>, Serializer<?>> byType = new LinkedHashMap<>();
        byType.put(byte[].class, new ByteArraySerializer());
        byType.put(SpecificRecord.class, new AvroKafkaSerializer<SpecificRecord>());
        DefaultKafkaProducerFactory<String, Object> factory = new DefaultKafkaProducerFactory<>(config,
                new StringSerializer(), new DelegatingByTypeSerializer(byType, true));
        String prefix = properties.transactionIdPrefix();
        factory.setTransactionIdPrefix(prefix == null || prefix.isBlank()
                ? "afterhours-classifier-" + UUID.randomUUID() + "-" : prefix);
        factory.addListener(new MicrometerProducerListener<>(meters));
        return factory;
    }

    @Bean
    KafkaTemplate<String, Object> kafkaTemplate(ProducerFactory<String, Object> producerFactory) {
        return new KafkaTemplate<>(producerFactory);
    }

    @Bean
    KafkaTransactionManager<String, Object> kafkaTransactionManager(ProducerFactory<String, Object> producerFactory) {
        return new KafkaTransactionManager<>(producerFactory);
    }

    @Bean
    ConsumerFactory<String, Object> kafkaConsumerFactory(KafkaProperties kafka, PlatformProperties platform,
            MeterRegistry meters) {
        // Only committed records count, and offsets commit in the transaction.
        Map<String, Object> config = ConsumerSettings.from(kafka.buildConsumerProperties()).readCommitted()
                .startAtUnlessConfigured(Start.EARLIEST).quickTakeover().build();
        config.putAll(RegistrySerdes.config(RegistrySerdes.coreApi(platform.registry().url())));
        // A value that does not deserialize reaches the container as a DeserializationException, not a poll loop.
        DefaultKafkaConsumerFactory<String, Object> factory = new DefaultKafkaConsumerFactory<>(config,
                new StringDeserializer(), new ErrorHandlingDeserializer<>(new AvroKafkaDeserializer<>()));
        factory.addListener(new MicrometerConsumerListener<>(meters));
        return factory;
    }

    @Bean
    DeadLetters deadLetters(KafkaTemplate<String, Object> template, ClassificationMetrics metrics) {
        // Partition -1: let the producer partition by key (the clientId), whatever the dead-letter topic's size.
        DeadLetterPublishingRecoverer publisher = new DeadLetterPublishingRecoverer(template,
                (record, exception) -> new TopicPartition(Topics.MESSAGES_RECEIVED.deadLetterTopic(), -1));
        return new DeadLetters(publisher, metrics);
    }

    @Bean
    ConcurrentKafkaListenerContainerFactory<String, Object> kafkaListenerContainerFactory(
            ConsumerFactory<String, Object> consumerFactory, KafkaTransactionManager<String, Object> transactions,
            ClassifierProperties properties, ProvisionedTopics topics, Clock clock) {
        ConcurrentKafkaListenerContainerFactory<String, Object> factory = new ConcurrentKafkaListenerContainerFactory<>();
        factory.setConsumerFactory(consumerFactory);
        factory.setConcurrency(properties.concurrency());
        factory.setBatchListener(true);
        factory.getContainerProperties().setKafkaAwareTransactionManager(transactions);
        // The listener parks what no retry can fix inside the batch's transaction; a batch it rolls back is read
        // again whole after a pause. Nothing is skipped.
        factory.setAfterRollbackProcessor(new BatchRetry(transientBackOff(), properties.retry().backoff(), clock));
        factory.setCommonErrorHandler(new RollBackTheBatch());
        return factory;
    }

    /**
     * Waits between attempts at a record that failed for a transient reason (the registry unreachable): 1 s,
     * doubling, at most 30 s, for as long as it takes. The partition waits; nothing is skipped or parked.
     */
    static BackOff transientBackOff() {
        ExponentialBackOff backOff = new ExponentialBackOff(1_000, 2.0);
        backOff.setMaxInterval(30_000);
        return backOff;
    }
}
