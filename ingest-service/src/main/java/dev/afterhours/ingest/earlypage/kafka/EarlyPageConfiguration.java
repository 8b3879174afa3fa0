package dev.afterhours.ingest.earlypage.kafka;

import dev.afterhours.contracts.EscalationRequested;
import dev.afterhours.contracts.Topics;
import dev.afterhours.directory.DirectoryView;
import dev.afterhours.ingest.IngestProperties;
import dev.afterhours.ingest.KafkaInfrastructure.Endpoints;
import dev.afterhours.ingest.earlypage.EmergencyLinePager;
import dev.afterhours.ingest.message.kafka.AcknowledgedProducer;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.ProducerRecord;
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
    AcknowledgedProducer<EscalationRequested> earlyPageProducer(KafkaProperties kafka, Endpoints endpoints,
            IngestProperties properties) {
        return AcknowledgedProducer.create(kafka.buildProducerProperties(), endpoints, properties.publishTimeout(),
                "ingest-early-page");
    }

    /** Escalations keyed by client id, as every producer of the escalations topic keys them. */
    @Bean
    EmergencyLinePager emergencyLinePager(AcknowledgedProducer<EscalationRequested> producer, DirectoryView directory,
            MeterRegistry meters) {
        return new EmergencyLinePager(directory::client, directory::clients, escalation -> producer.send(
                new ProducerRecord<>(Topics.ESCALATIONS.name(), escalation.getClientId(), escalation)), meters);
    }
}
