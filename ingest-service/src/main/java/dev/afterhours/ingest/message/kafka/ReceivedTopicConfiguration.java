package dev.afterhours.ingest.message.kafka;

import dev.afterhours.contracts.MessageReceived;
import dev.afterhours.contracts.serde.RegistrySerdes;
import dev.afterhours.directory.follow.FollowerMeters;
import dev.afterhours.directory.follow.FollowerStatus;
import dev.afterhours.directory.follow.TopicFollower;
import dev.afterhours.ingest.IngestProperties;
import dev.afterhours.ingest.KafkaInfrastructure.Endpoints;
import dev.afterhours.ingest.message.ReceivedIndex;
import dev.afterhours.kafka.ConsumerSettings;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The producer of the received topic, the follower that rebuilds the index from it, and their health and metrics. */
@Configuration(proxyBeanMethods = false)
public class ReceivedTopicConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ReceivedTopicConfiguration.class);

    @Bean
    ReceivedIndex receivedIndex(MeterRegistry meters) {
        ReceivedIndex index = new ReceivedIndex();
        Gauge.builder("afterhours.ingest.index.messages", index, ReceivedIndex::size)
                .description("Messages the idempotency index remembers (those inside the dedup window)")
                .register(meters);
        return index;
    }

    @Bean
    KafkaReceivedMessageSink receivedMessageSink(KafkaProperties kafka, Endpoints endpoints, IngestProperties properties) {
        return new KafkaReceivedMessageSink(AcknowledgedProducer.create(kafka.buildProducerProperties(), endpoints,
                properties.publishTimeout(), "ingest-received"));
    }

    @Bean(destroyMethod = "close")
    ReceivedTopicFollower receivedTopicFollower(KafkaProperties kafka, Endpoints endpoints, IngestProperties properties,
            ReceivedIndex index, Clock clock, MeterRegistry meters) throws InterruptedException {
        Map<String, Object> config = ConsumerSettings.from(kafka.buildConsumerProperties())
                .with(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints.bootstrapServers()).build();
        Deserializer<MessageReceived> values =
                RegistrySerdes.valueDeserializer(RegistrySerdes.coreApi(endpoints.registryBaseUrl()));
        ReceivedTopicFollower follower = ReceivedTopicFollower.start(TopicFollower.consumers(config, "ingest-index"),
                values, index, properties.dedupWindow(), properties.conversationWindow(),
                properties.indexEvictionInterval(), clock);
        FunctionCounter.builder("afterhours.ingest.index.undecodable", follower, ReceivedTopicFollower::undecodableRecords)
                .description("Records on the received topic the index could not decode (skipped)")
                .register(meters);
        // Taking messages before the index is rebuilt would let retries through as new messages; the intake
        // answers 503 until then, and readiness stays DOWN.
        if (!follower.awaitCaughtUp(properties.startupTimeout())) {
            log.warn("The ingest index is not rebuilt after {}; messages get 503 until it is", properties.startupTimeout());
        }
        return follower;
    }

    /** Restarts, skipped records and caught-up of the index's follower, tagged with the topic's name. */
    @Bean
    MeterBinder receivedTopicFollowerMeters(ReceivedTopicFollower follower) {
        return new FollowerMeters(follower.status());
    }

    /** Readiness: the idempotency index is caught up with the received topic (DOWN while its follower restarts). */
    @Bean
    HealthIndicator ingestIndexHealthIndicator(ReceivedTopicFollower follower, ReceivedIndex index) {
        return () -> {
            FollowerStatus status = follower.status();
            return (status.isCaughtUp() ? Health.up() : Health.down())
                    .withDetails(status.details())
                    .withDetail("messages", index.size())
                    .withDetail("undecodableRecords", follower.undecodableRecords())
                    .build();
        };
    }
}
