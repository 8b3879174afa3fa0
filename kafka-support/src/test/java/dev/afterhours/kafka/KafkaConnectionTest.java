package dev.afterhours.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaConnectionTest {

    /** The shape of Spring Boot's {@code KafkaProperties.buildAdminProperties()} on a TLS cluster. */
    private static Map<String, Object> springAdminProperties() {
        Map<String, Object> properties = new HashMap<>();
        properties.put("bootstrap.servers", List.of("kafka-0:9093", "kafka-1:9093"));
        properties.put("client.id", "from-spring");
        properties.put("security.protocol", "SSL");
        properties.put("ssl.keystore.location", "/etc/afterhours/kafka-user/user.p12");
        properties.put("ssl.keystore.password", "secret");
        properties.put("sasl.mechanism", "PLAIN");
        return properties;
    }

    @Test
    void every_client_config_carries_the_bootstrap_servers_and_the_security_settings() {
        KafkaConnection connection = KafkaConnection.fromClientConfig(springAdminProperties());

        assertThat(connection.bootstrapServers()).isEqualTo("kafka-0:9093,kafka-1:9093");
        assertThat(connection.clientConfig()).containsEntry("bootstrap.servers", "kafka-0:9093,kafka-1:9093")
                .containsEntry("security.protocol", "SSL")
                .containsEntry("ssl.keystore.location", "/etc/afterhours/kafka-user/user.p12")
                .containsEntry("ssl.keystore.password", "secret")
                .containsEntry("sasl.mechanism", "PLAIN")
                // each client names itself
                .doesNotContainKey("client.id");
    }

    @Test
    void each_client_config_is_a_fresh_modifiable_copy() {
        KafkaConnection connection = KafkaConnection.fromClientConfig(springAdminProperties());

        Map<String, Object> first = connection.clientConfig();
        first.put("security.protocol", "PLAINTEXT");
        first.put("acks", "all");

        assertThat(connection.clientConfig()).containsEntry("security.protocol", "SSL").doesNotContainKey("acks");
        assertThatThrownBy(() -> connection.settings().put("acks", "all"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void a_plaintext_connection_is_the_bootstrap_servers_alone() {
        assertThat(KafkaConnection.plaintext("localhost:9092").clientConfig())
                .isEqualTo(Map.of("bootstrap.servers", "localhost:9092"));
    }

    @Test
    void the_settings_given_apart_from_the_bootstrap_servers_do_not_override_them() {
        KafkaConnection connection = KafkaConnection.of("kafka:9093",
                Map.of("bootstrap.servers", "elsewhere:9092", "security.protocol", "SASL_SSL"));

        assertThat(connection.clientConfig()).containsEntry("bootstrap.servers", "kafka:9093")
                .containsEntry("security.protocol", "SASL_SSL");
    }

    @Test
    void a_configuration_without_bootstrap_servers_is_refused() {
        assertThatThrownBy(() -> KafkaConnection.fromClientConfig(Map.of("security.protocol", "SSL")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bootstrap.servers");
        assertThatThrownBy(() -> KafkaConnection.plaintext(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void its_text_names_the_settings_but_never_their_values() {
        Map<String, Object> properties = springAdminProperties();
        properties.put("sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required "
                + "username=\"ingest\" password=\"hunter2\";");

        String text = KafkaConnection.fromClientConfig(properties).toString();

        assertThat(text).contains("kafka-0:9093", "sasl.jaas.config", "ssl.keystore.password")
                .doesNotContain("hunter2", "secret");
    }
}
