package dev.afterhours.testkit;

import dev.afterhours.kafka.KafkaConnection;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A second real KRaft broker per test JVM, whose client listener demands SASL/PLAIN authentication, like a production
 * cluster demands TLS client certificates: a client that was not given {@link #connection()}'s settings is not let in
 * (its requests time out). Proves that the security settings reach a client; SASL/PLAIN because it needs no
 * certificates, and the path from the settings to the client is the same as for TLS.
 */
public final class SaslBroker {

    public static final String USERNAME = "afterhours";
    public static final String PASSWORD = "afterhours-secret";

    private static final String PLAIN_LOGIN = "org.apache.kafka.common.security.plain.PlainLoginModule required";

    private static EmbeddedKafkaKraftBroker broker;

    private SaslBroker() {
    }

    /** Starts the broker on first use. */
    public static synchronized EmbeddedKafkaKraftBroker get() {
        if (broker == null) {
            EmbeddedKafkaKraftBroker started = new EmbeddedKafkaKraftBroker(1, EmbeddedBroker.PARTITIONS);
            // spring-kafka-test's cluster names its listeners EXTERNAL (clients, brokers) and CONTROLLER; only the
            // first demands SASL. The broker accepts the user below, and itself as "admin" between brokers.
            started.brokerProperties(Map.ofEntries(
                    Map.entry("listener.security.protocol.map", "EXTERNAL:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT"),
                    Map.entry("sasl.enabled.mechanisms", "PLAIN"),
                    Map.entry("sasl.mechanism.inter.broker.protocol", "PLAIN"),
                    Map.entry("listener.name.external.plain.sasl.jaas.config", PLAIN_LOGIN
                            + " username=\"admin\" password=\"admin-secret\" user_admin=\"admin-secret\" user_"
                            + USERNAME + "=\"" + PASSWORD + "\";"),
                    Map.entry("offsets.topic.replication.factor", "1"),
                    Map.entry("transaction.state.log.replication.factor", "1"),
                    Map.entry("transaction.state.log.min.isr", "1"),
                    Map.entry("group.initial.rebalance.delay.ms", "0"),
                    Map.entry("auto.create.topics.enable", "true"),
                    Map.entry("num.partitions", String.valueOf(EmbeddedBroker.PARTITIONS))));
            // The broker publishes its address in system properties: under a name of its own, and under Spring's
            // usual one, which is put back so that whoever reads it still finds the plaintext broker.
            started.brokerListProperty("afterhours.sasl.kafka.brokers");
            String brokers = System.getProperty(EmbeddedKafkaKraftBroker.SPRING_EMBEDDED_KAFKA_BROKERS);
            started.afterPropertiesSet();
            if (brokers == null) {
                System.clearProperty(EmbeddedKafkaKraftBroker.SPRING_EMBEDDED_KAFKA_BROKERS);
            } else {
                System.setProperty(EmbeddedKafkaKraftBroker.SPRING_EMBEDDED_KAFKA_BROKERS, brokers);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(started::destroy, "embedded-sasl-kafka-stop"));
            broker = started;
        }
        return broker;
    }

    public static String bootstrapServers() {
        return get().getBrokersAsString();
    }

    /** The connection a service would be configured with: SASL_PLAINTEXT, PLAIN, this broker's user. */
    public static KafkaConnection connection() {
        return KafkaConnection.of(bootstrapServers(), Map.of(
                CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT",
                SaslConfigs.SASL_MECHANISM, "PLAIN",
                SaslConfigs.SASL_JAAS_CONFIG, PLAIN_LOGIN + " username=\"" + USERNAME + "\" password=\"" + PASSWORD
                        + "\";"));
    }

    /**
     * The same broker, without the security settings: what a client built from the bootstrap address alone has. Its
     * waits are cut to a few seconds, so a test that expects it to be refused does not wait a minute for it.
     */
    public static KafkaConnection withoutCredentials() {
        return KafkaConnection.of(bootstrapServers(), Map.of(
                CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, 4_000,
                CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, 2_000,
                "max.block.ms", 4_000));
    }
}
