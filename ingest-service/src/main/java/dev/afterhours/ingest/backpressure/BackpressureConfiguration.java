package dev.afterhours.ingest.backpressure;

import dev.afterhours.contracts.Topics;
import dev.afterhours.directory.DirectoryView;
import dev.afterhours.ingest.KafkaInfrastructure.Endpoints;
import dev.afterhours.ingest.backpressure.kafka.ConsumerLagMonitor;
import dev.afterhours.ingest.message.Backpressure;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The classifier's backlog read in the background, the lag gauges, and the rule the intake asks. */
@Configuration(proxyBeanMethods = false)
public class BackpressureConfiguration {

    @Bean
    BacklogGate backlogGate(BackpressureProperties properties) {
        return new BacklogGate(properties.maxBacklog(), ConsumerLagMonitor.staleAfter(properties.refreshInterval()));
    }

    @Bean(destroyMethod = "close")
    ConsumerLagMonitor consumerLagMonitor(KafkaProperties kafka, Endpoints endpoints, BackpressureProperties properties,
            BacklogGate gate, MeterRegistry meters) {
        Map<String, Object> config = kafka.buildAdminProperties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints.bootstrapServers());
        config.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "ingest-lag-" + UUID.randomUUID());
        return new ConsumerLagMonitor(Admin.create(config), Topics.MESSAGES_RECEIVED.name(), properties.group(),
                properties.lagGroups(), gate, meters, properties.refreshInterval(), System::nanoTime);
    }

    @Bean
    Backpressure backpressure(BackpressureProperties properties, BacklogGate gate, DirectoryView directory) {
        return properties.enabled() ? new PipelineBackpressure(gate, directory::clients, System::nanoTime)
                : Backpressure.NONE;
    }
}
