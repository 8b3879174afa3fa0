package dev.afterhours.scheduler;

/**
 * The shared infrastructure keys every Afterhours service reads: {@code spring.kafka.bootstrap-servers},
 * {@code afterhours.registry.url} (the registry's base URL), {@code afterhours.kafka.partitions} and
 * {@code afterhours.kafka.replication-factor}.
 */
public record Infrastructure(String bootstrapServers, String registryUrl, int partitions, short replicationFactor) {
}
