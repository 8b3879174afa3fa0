package dev.afterhours.classifier;

import dev.afterhours.kafka.KafkaConnection;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class KafkaConnectionConfiguration {

    /**
     * How every client this service builds by hand reaches the cluster: {@code spring.kafka.bootstrap-servers},
     * {@code spring.kafka.security.*}, {@code spring.kafka.ssl.*} and {@code spring.kafka.properties.*} (e.g.
     * {@code sasl.*}), the settings Spring's own clients get.
     */
    @Bean
    KafkaConnection kafkaConnection(KafkaProperties kafka) {
        return KafkaConnection.fromClientConfig(kafka.buildAdminProperties());
    }
}
