package dev.afterhours.classifier.triage.kafka;

import dev.afterhours.classifier.ClassifierProperties;
import dev.afterhours.classifier.PlatformProperties;
import dev.afterhours.classifier.ProvisionedTopics;
import dev.afterhours.classifier.triage.ClassificationMetrics;
import dev.afterhours.contracts.Topics;
import dev.afterhours.contracts.serde.DecodeFailures;
import dev.afterhours.contracts.serde.RegistrySerdes;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
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
import org.springframework.kafka.listener.DefaultAfterRollbackProcessor;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.ExceptionMatcher;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.kafka.transaction.KafkaTransactionManager;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * Exactly-once consume-classify-produce: a transactional producer, {@code read_committed} consumers, and the
 * consumed offsets committed in the same transaction as the classified record, so every received message yields
 * exactly one committed MessageClassified, across crashes and rebalances. Records that cannot be processed go to
 * {@code afterhours.messages.received.v1.dlt} in a transaction of their own, together with their offset.
 */
@Configuration(proxyBeanMethods = false)
class ClassifierKafkaConfiguration {

    @Bean
    DefaultKafkaProducerFactory<String, Object> kafkaProducerFactory(KafkaProperties kafka, PlatformProperties platform,
            ClassifierProperties properties, MeterRegistry meters) {
        Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
        config.putAll(RegistrySerdes.config(RegistrySerdes.coreApi(platform.registry().url())));
        // Not left to configuration: exactly-once needs them.
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
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
        Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
        config.putAll(RegistrySerdes.config(RegistrySerdes.coreApi(platform.registry().url())));
        config.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // Not left to configuration: only committed classifications count, and offsets commit in the transaction.
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
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
            KafkaTemplate<String, Object> template, DeadLetters deadLetters, ClassifierProperties properties,
            ProvisionedTopics topics) {
        ConcurrentKafkaListenerContainerFactory<String, Object> factory = new ConcurrentKafkaListenerContainerFactory<>();
        factory.setConsumerFactory(consumerFactory);
        factory.setConcurrency(properties.concurrency());
        factory.getContainerProperties().setKafkaAwareTransactionManager(transactions);
        FixedBackOff backOff = new FixedBackOff(properties.retry().backoff().toMillis(), properties.retry().attempts());
        // In a transactional container a failed record rolls the transaction back and goes to the after-rollback
        // processor: it retries, then publishes to the dead-letter topic and commits the offset in one new
        // transaction (commitRecovered), so a parked record is neither lost nor classified twice.
        DefaultAfterRollbackProcessor<Object, Object> afterRollback = afterRollbackProcessor(deadLetters, backOff, template);
        factory.setAfterRollbackProcessor(afterRollback);
        // Failures the container meets outside a record's transaction take the same way to the dead-letter topic.
        DefaultErrorHandler errorHandler = errorHandler(deadLetters, backOff);
        factory.setCommonErrorHandler(errorHandler);
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

    static DefaultAfterRollbackProcessor<Object, Object> afterRollbackProcessor(DeadLetters deadLetters,
            BackOff backOff, KafkaTemplate<String, Object> template) {
        DefaultAfterRollbackProcessor<Object, Object> processor =
                new DefaultAfterRollbackProcessor<>(deadLetters, backOff, template, true) {
                    @Override
                    protected ExceptionMatcher getExceptionMatcher() {
                        return TransientRetryable.around(super.getExceptionMatcher());
                    }
                };
        processor.addNotRetryableExceptions(UnprocessableMessageException.class);
        processor.setBackOffFunction((record, exception) -> DecodeFailures.isTransient(exception) ? transientBackOff() : null);
        return processor;
    }

    static DefaultErrorHandler errorHandler(DeadLetters deadLetters, BackOff backOff) {
        DefaultErrorHandler handler = new DefaultErrorHandler(deadLetters, backOff) {
            @Override
            protected ExceptionMatcher getExceptionMatcher() {
                return TransientRetryable.around(super.getExceptionMatcher());
            }
        };
        handler.addNotRetryableExceptions(UnprocessableMessageException.class);
        handler.setBackOffFunction((record, exception) -> DecodeFailures.isTransient(exception) ? transientBackOff() : null);
        return handler;
    }

    /**
     * spring-kafka never retries a {@code DeserializationException}, whatever its cause. One whose cause is
     * transient (the registry unreachable: I/O, connect, 5xx) is retried here, with {@link #transientBackOff()};
     * only a record that can never be decoded (bad magic byte, unknown schema id, corrupt Avro) is parked at once.
     */
    static final class TransientRetryable extends ExceptionMatcher {

        private final ExceptionMatcher configured;

        private TransientRetryable(ExceptionMatcher configured) {
            super(List.of(), true);
            this.configured = configured;
        }

        static ExceptionMatcher around(ExceptionMatcher configured) {
            return new TransientRetryable(configured);
        }

        @Override
        public boolean match(Throwable exception) {
            return DecodeFailures.isTransient(exception) || configured.match(exception);
        }
    }
}
