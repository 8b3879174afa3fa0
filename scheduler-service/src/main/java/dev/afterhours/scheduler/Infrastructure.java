package dev.afterhours.scheduler;

import dev.afterhours.kafka.KafkaConnection;

/**
 * The shared infrastructure keys every Afterhours service reads: how to reach Kafka ({@code spring.kafka.bootstrap-servers}
 * with {@code spring.kafka.security.*}, {@code spring.kafka.ssl.*} and {@code spring.kafka.properties.*}),
 * {@code afterhours.registry.url} (the registry's base URL), {@code afterhours.kafka.partitions} and
 * {@code afterhours.kafka.replication-factor}.
 */
public record Infrastructure(KafkaConnection kafka, String registryUrl, int partitions, short replicationFactor) {

    /** Comma-separated, as {@code spring.kafka.bootstrap-servers} says. */
    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }
}
