package dev.afterhours.ingest.twilio.kafka;

import dev.afterhours.contracts.PendingVoicemail;
import dev.afterhours.contracts.Topics;
import dev.afterhours.contracts.serde.RegistrySerdes;
import dev.afterhours.directory.follow.FollowerMeters;
import dev.afterhours.directory.follow.TopicFollower;
import dev.afterhours.ingest.IngestProperties;
import dev.afterhours.ingest.KafkaInfrastructure.Endpoints;
import dev.afterhours.ingest.twilio.PendingVoicemails;
import dev.afterhours.kafka.ConsumerSettings;
import dev.afterhours.kafka.ProducerSettings;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Pending voicemails in memory, written through to their compacted topic, and read back from it by a follower: at
 * startup (what an earlier instance left), and afterwards (what other instances record and publish).
 */
@Configuration(proxyBeanMethods = false)
public class PendingVoicemailsConfiguration {

    private static final Logger log = LoggerFactory.getLogger(PendingVoicemailsConfiguration.class);

    @Bean(destroyMethod = "close")
    KafkaVoicemailStore kafkaVoicemailStore(KafkaProperties kafka, Endpoints endpoints, IngestProperties properties) {
        Map<String, Object> config = ProducerSettings.from(kafka.buildProducerProperties())
                .with(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints.bootstrapServers())
                .durable().answerWithin(properties.publishTimeout()).clientId("ingest-voicemails").build();
        Serializer<@Nullable PendingVoicemail> values =
                RegistrySerdes.valueSerializer(RegistrySerdes.coreApi(endpoints.registryBaseUrl()));
        return new KafkaVoicemailStore(new KafkaProducer<>(config, new StringSerializer(), values),
                properties.publishTimeout().plusSeconds(2));
    }

    @Bean
    PendingVoicemails pendingVoicemails(KafkaVoicemailStore store) {
        return new PendingVoicemails(store);
    }

    @Bean(destroyMethod = "close")
    TopicFollower<PendingVoicemail> pendingVoicemailsFollower(KafkaProperties kafka, Endpoints endpoints,
            IngestProperties properties, PendingVoicemails pending) throws InterruptedException {
        Map<String, Object> config = ConsumerSettings.from(kafka.buildConsumerProperties())
                .with(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints.bootstrapServers()).build();
        TopicFollower<PendingVoicemail> follower = TopicFollower.<PendingVoicemail>builder(
                        Topics.INGEST_PENDING_VOICEMAILS.name(),
                        RegistrySerdes.valueDeserializer(RegistrySerdes.coreApi(endpoints.registryBaseUrl())))
                .topic(Topics.INGEST_PENDING_VOICEMAILS.name())
                .consumers(TopicFollower.consumers(config, "ingest-voicemails"))
                .onRecord((record, value) -> pending.restored(record.key(),
                        value == null ? null : KafkaVoicemailStore.fromRecord(value)))
                .start();
        // Not a readiness condition: the sweeper publishes whatever it holds whenever it has it; waiting here only
        // lets a restarted instance take up the earlier one's voicemails from its first sweep.
        if (!follower.awaitCaughtUp(properties.startupTimeout())) {
            log.warn("Pending voicemails not read back within {}; they are taken up once the follower catches up",
                    properties.startupTimeout());
        }
        return follower;
    }

    /** Restarts, skipped records and caught-up of the follower, tagged with the topic's name. */
    @Bean
    MeterBinder pendingVoicemailsFollowerMeters(TopicFollower<PendingVoicemail> pendingVoicemailsFollower) {
        return new FollowerMeters(pendingVoicemailsFollower);
    }
}
