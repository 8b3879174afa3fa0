package dev.afterhours.ingest.earlypage.kafka;

import dev.afterhours.contracts.EscalationRequested;
import dev.afterhours.contracts.serde.RegistrySerdes;
import dev.afterhours.directory.DirectoryView;
import dev.afterhours.ingest.IngestProperties;
import dev.afterhours.ingest.KafkaInfrastructure.Endpoints;
import dev.afterhours.ingest.earlypage.EmergencyLinePager;
import dev.afterhours.kafka.ProducerSettings;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The early page, unless {@code afterhours.ingest.early-page.enabled} is {@code false}: its producer to the
 * escalations topic and the pager the intake calls. The producer is idempotent with {@code acks=all}, like the
 * received topic's, and not transactional: the ingest README ("Early page") says why.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "afterhours.ingest.early-page", name = "enabled", havingValue = "true",
        matchIfMissing = true)
public class EarlyPageConfiguration {

    @Bean(destroyMethod = "close")
    KafkaEscalationSink earlyPageSink(KafkaProperties kafka, Endpoints endpoints, IngestProperties properties) {
        Map<String, Object> config = ProducerSettings.from(kafka.buildProducerProperties())
                .with(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints.bootstrapServers())
                .durable().answerWithin(properties.publishTimeout()).clientId("ingest-early-page").build();
        KafkaProducer<String, EscalationRequested> producer = new KafkaProducer<>(config, new StringSerializer(),
                RegistrySerdes.<EscalationRequested>valueSerializer(RegistrySerdes.coreApi(endpoints.registryBaseUrl())));
        return new KafkaEscalationSink(producer, properties.publishTimeout().plusSeconds(2));
    }

    @Bean
    EmergencyLinePager emergencyLinePager(KafkaEscalationSink sink, DirectoryView directory, MeterRegistry meters) {
        return new EmergencyLinePager(directory::client, directory::clients, sink, meters);
    }
}
