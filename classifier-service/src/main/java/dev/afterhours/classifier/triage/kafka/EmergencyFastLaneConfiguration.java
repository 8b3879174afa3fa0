package dev.afterhours.classifier.triage.kafka;

import dev.afterhours.classifier.ClassifierProperties;
import dev.afterhours.classifier.PlatformProperties;
import dev.afterhours.classifier.triage.ClassificationMetrics;
import dev.afterhours.classifier.triage.ClientDirectory;
import dev.afterhours.classifier.triage.MessageTriage;
import dev.afterhours.contracts.serde.RegistrySerdes;
import dev.afterhours.kafka.ConsumerSettings;
import dev.afterhours.kafka.ConsumerSettings.Start;
import dev.afterhours.kafka.ProducerSettings;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import java.time.Clock;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;

/** The emergency fast lane's own consumer and producer: plain clients, apart from the pipeline's transactions. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "afterhours.classifier.fast-lane", name = "enabled", havingValue = "true",
        matchIfMissing = true)
class EmergencyFastLaneConfiguration {

    @Bean(destroyMethod = "")
    EmergencyFastLane emergencyFastLane(KafkaProperties kafka, PlatformProperties platform,
            ClassifierProperties properties, MessageTriage triage, ClientDirectory directory,
            ClassificationMetrics metrics, Clock clock) {
        Map<String, Object> serdes = RegistrySerdes.config(RegistrySerdes.coreApi(platform.registry().url()));
        Map<String, Object> consumerConfig = ConsumerSettings.from(kafka.buildConsumerProperties())
                .with(ConsumerConfig.GROUP_ID_CONFIG, properties.fastLane().groupId())
                .readCommitted()
                // A new lane starts at the head: the pipeline pages the backlog; the lane is for what arrives now.
                .startAt(Start.LATEST)
                .quickTakeover()
                .build();
        consumerConfig.putAll(serdes);
        // A page waits for nothing: no lingering for a fuller batch, and no transaction to share.
        Map<String, Object> producerConfig = ProducerSettings.from(kafka.buildProducerProperties())
                .nonTransactional().durable().unbatched().clientId("afterhours-classifier-fast-lane").build();
        producerConfig.putAll(serdes);
        AvroKafkaSerializer<SpecificRecord> values = new AvroKafkaSerializer<>();
        values.configure(serdes, false);
        @SuppressWarnings({"unchecked", "rawtypes"})
        Serializer<Object> valueSerializer = (Serializer) values;
        KafkaProducer<String, Object> producer = new KafkaProducer<>(producerConfig, new StringSerializer(),
                valueSerializer);
        return new EmergencyFastLane(() -> {
            ErrorHandlingDeserializer<Object> decoder = new ErrorHandlingDeserializer<>(new AvroKafkaDeserializer<>());
            decoder.configure(consumerConfig, false);
            return new KafkaConsumer<>(consumerConfig, new StringDeserializer(), decoder);
        }, producer, triage, directory, metrics, clock, properties.fastLane().maxAge());
    }
}
