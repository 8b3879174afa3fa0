package dev.afterhours.classifier;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The keys every Afterhours service shares.
 *
 * @param registry the schema registry
 * @param kafka    how topics this service provisions are created
 */
@ConfigurationProperties(prefix = "afterhours")
public record PlatformProperties(@DefaultValue Registry registry, @DefaultValue Kafka kafka) {

    /** @param url the registry's base URL, e.g. {@code http://localhost:8081} (not the API path) */
    public record Registry(@DefaultValue("http://localhost:8081") String url) {
    }

    public record Kafka(@DefaultValue("3") int partitions, @DefaultValue("1") short replicationFactor) {
    }
}
