package dev.afterhours.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.afterhours.scheduler.sla.SlaMetrics;
import dev.afterhours.scheduler.sla.kafka.SlaStreamsConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.core.io.FileSystemResource;

/**
 * The Kubernetes configuration (deploy/k8s/base/config.yaml: SPRING_KAFKA_SECURITY_PROTOCOL, SPRING_KAFKA_SSL_*)
 * bound to Spring's KafkaProperties reaches the Kafka Streams configuration, and with it every client Streams makes.
 */
class KafkaConnectionSettingsTest {

    @TempDir
    Path stateDir;

    @Test
    void the_tls_settings_of_spring_kafka_reach_kafka_streams() {
        KafkaProperties kafka = new KafkaProperties();
        kafka.setBootstrapServers(List.of("afterhours-kafka-bootstrap:9093"));
        kafka.getSecurity().setProtocol("SSL");
        kafka.getSsl().setKeyStoreType("PKCS12");
        kafka.getSsl().setKeyStoreLocation(new FileSystemResource("/etc/afterhours/kafka-user/user.p12"));
        kafka.getSsl().setKeyStorePassword("user-password");
        kafka.getSsl().setTrustStoreType("PKCS12");
        kafka.getSsl().setTrustStoreLocation(new FileSystemResource("/etc/afterhours/kafka-ca/ca.p12"));
        kafka.getSsl().setTrustStorePassword("ca-password");
        kafka.getProperties().put("ssl.endpoint.identification.algorithm", "https");

        Infrastructure infrastructure = new SchedulerConfiguration().infrastructure(kafka, "http://registry:8080", 6,
                (short) 3);
        Properties streams = SlaStreamsConfig.properties("afterhours-scheduler", infrastructure.kafka(), stateDir, 3, 1,
                new SlaMetrics(new SimpleMeterRegistry()));

        assertThat(streams).containsEntry("bootstrap.servers", "afterhours-kafka-bootstrap:9093")
                .containsEntry("security.protocol", "SSL")
                .containsEntry("ssl.keystore.type", "PKCS12")
                .containsEntry("ssl.keystore.location", "/etc/afterhours/kafka-user/user.p12")
                .containsEntry("ssl.keystore.password", "user-password")
                .containsEntry("ssl.truststore.type", "PKCS12")
                .containsEntry("ssl.truststore.location", "/etc/afterhours/kafka-ca/ca.p12")
                .containsEntry("ssl.truststore.password", "ca-password")
                .containsEntry("ssl.endpoint.identification.algorithm", "https")
                // what the scheduler itself sets is not overridden
                .containsEntry("application.id", "afterhours-scheduler")
                .containsEntry("processing.guarantee", "exactly_once_v2");
    }
}
