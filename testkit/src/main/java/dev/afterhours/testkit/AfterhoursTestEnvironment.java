package dev.afterhours.testkit;

import dev.afterhours.contracts.serde.RegistrySerdes;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The real infrastructure every integration test runs against: one KRaft broker, one Apicurio Registry and one OIDC
 * issuer per test JVM, both on ephemeral loopback ports, started on first use and reused by every test class.
 *
 * <pre>{@code
 * @DynamicPropertySource
 * static void infrastructure(DynamicPropertyRegistry registry) {
 *     AfterhoursTestEnvironment.springProperties().forEach((k, v) -> registry.add(k, () -> v));
 * }
 * }</pre>
 */
public final class AfterhoursTestEnvironment {

    private AfterhoursTestEnvironment() {
    }

    public static String bootstrapServers() {
        return EmbeddedBroker.bootstrapServers();
    }

    public static ApicurioRegistryServer registry() {
        return ApicurioRegistryServer.get();
    }

    /** The OIDC issuer whose tokens the services under test accept. */
    public static TestIssuer issuer() {
        return TestIssuer.get();
    }

    /** Base URL of the registry, e.g. {@code http://127.0.0.1:40123}; services take this as afterhours.registry.url. */
    public static String registryUrl() {
        return registry().baseUrl();
    }

    /** Serde configuration for test producers and consumers. */
    public static Map<String, Object> serdeConfig() {
        return RegistrySerdes.config(registry().coreApiUrl());
    }

    /** The properties a service needs to run against this environment. */
    public static Map<String, String> springProperties() {
        RegistrySerdes.trustGeneratedPackage();
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("spring.kafka.bootstrap-servers", bootstrapServers());
        properties.put("afterhours.registry.url", registryUrl());
        properties.put("afterhours.kafka.replication-factor", "1");
        properties.put("afterhours.security.issuer-uri", issuer().issuerUri());
        return properties;
    }
}
