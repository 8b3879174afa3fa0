package dev.afterhours.kafka;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * How to connect to the cluster: the bootstrap servers, and the settings a client needs to be let in (security
 * protocol, TLS key and trust stores, SASL mechanism and credentials, and anything else {@code spring.kafka.properties.*}
 * says). Every Kafka client a service builds by hand (admin, producer, consumer, Kafka Streams) starts from
 * {@link #clientConfig()}, so a cluster that demands TLS or SASL lets all of them in, not only Spring's.
 *
 * <p>Its {@link #toString()} names the settings but never their values: they hold passwords.
 */
public final class KafkaConnection {

    private final String bootstrapServers;
    private final Map<String, Object> settings;

    private KafkaConnection(String bootstrapServers, Map<String, ?> settings) {
        if (bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("bootstrap servers must not be blank");
        }
        this.bootstrapServers = bootstrapServers;
        Map<String, Object> copy = new HashMap<>();
        // A setting without a value is one not set.
        settings.forEach((key, value) -> {
            if (value != null && !key.equals(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG)) {
                copy.put(key, value);
            }
        });
        this.settings = Map.copyOf(copy);
    }

    /** A cluster that lets anyone in on a plaintext listener: the local stack, compose, and most tests. */
    public static KafkaConnection plaintext(String bootstrapServers) {
        return new KafkaConnection(bootstrapServers, Map.of());
    }

    /**
     * @param bootstrapServers comma-separated {@code host:port} pairs
     * @param settings         client properties other than the bootstrap servers, e.g. {@code security.protocol},
     *                         {@code ssl.keystore.location}, {@code sasl.jaas.config}
     */
    public static KafkaConnection of(String bootstrapServers, Map<String, ?> settings) {
        return new KafkaConnection(bootstrapServers, settings);
    }

    /**
     * From a full client configuration that holds {@code bootstrap.servers} (a comma-separated string or a list),
     * such as Spring Boot's {@code KafkaProperties.buildAdminProperties()}: bootstrap, {@code spring.kafka.ssl.*},
     * {@code spring.kafka.security.*} and {@code spring.kafka.properties.*}. Its {@code client.id} is dropped: each
     * client names itself, and two clients of one service sharing an id collide in the broker's quotas and metrics.
     */
    public static KafkaConnection fromClientConfig(Map<String, ?> clientConfig) {
        Object bootstrap = clientConfig.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
        String servers = switch (bootstrap) {
            case String text -> text;
            case Collection<?> list -> String.join(",", list.stream().map(String::valueOf).toList());
            case null -> throw new IllegalArgumentException("the client configuration names no bootstrap.servers");
            default -> throw new IllegalArgumentException("bootstrap.servers must be a string or a list, was "
                    + bootstrap.getClass().getName());
        };
        Map<String, Object> settings = new HashMap<>(clientConfig);
        settings.remove(CommonClientConfigs.CLIENT_ID_CONFIG);
        return new KafkaConnection(servers, settings);
    }

    /** Comma-separated {@code host:port} pairs. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The settings besides the bootstrap servers (security, TLS, SASL...); unmodifiable. */
    public Map<String, Object> settings() {
        return settings;
    }

    /** A new, modifiable client configuration: the bootstrap servers and every setting; add the client's own. */
    public Map<String, Object> clientConfig() {
        Map<String, Object> config = new HashMap<>(settings);
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return config;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof KafkaConnection that && bootstrapServers.equals(that.bootstrapServers)
                && settings.equals(that.settings);
    }

    @Override
    public int hashCode() {
        return bootstrapServers.hashCode() * 31 + settings.hashCode();
    }

    @Override
    public String toString() {
        return "KafkaConnection[" + bootstrapServers + ", settings " + new TreeSet<>(settings.keySet()) + "]";
    }
}
