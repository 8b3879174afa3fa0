package dev.afterhours.contracts.serde;

import io.apicurio.registry.resolver.config.SchemaResolverConfig;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.apicurio.registry.serde.avro.AvroSerdeConfig;
import io.apicurio.registry.serde.kafka.config.KafkaSerdeConfig;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Avro serdes bound to Apicurio Registry, writing the Confluent wire format: magic byte 0, a 4-byte schema id
 * (the registry's content id, which is what {@code /apis/ccompat/v7/schemas/ids/{id}} serves), then Avro binary.
 * Schemas are registered on first use under the Confluent subject {@code <topic>-value}.
 */
public final class RegistrySerdes {

    /** The system property Avro 1.12 checks before it instantiates generated classes. */
    public static final String AVRO_TRUSTED_PACKAGES_PROPERTY = "org.apache.avro.SERIALIZABLE_PACKAGES";
    public static final String GENERATED_PACKAGE = "dev.afterhours.contracts";

    private RegistrySerdes() {
    }

    /**
     * Trusts the generated package unless the JVM was started with its own list. Call before Avro is touched.
     */
    public static void trustGeneratedPackage() {
        String trusted = System.getProperty(AVRO_TRUSTED_PACKAGES_PROPERTY);
        if (trusted == null || trusted.isBlank()) {
            System.setProperty(AVRO_TRUSTED_PACKAGES_PROPERTY, GENERATED_PACKAGE);
        } else if (!trusted.contains(GENERATED_PACKAGE)) {
            System.setProperty(AVRO_TRUSTED_PACKAGES_PROPERTY, trusted + "," + GENERATED_PACKAGE);
        }
    }

    /**
     * The serde properties for producers and consumers.
     *
     * @param registryUrl the registry's core API, e.g. {@code http://localhost:8081/apis/registry/v3}
     */
    public static Map<String, Object> config(String registryUrl) {
        trustGeneratedPackage();
        Map<String, Object> config = new HashMap<>();
        config.put(SchemaResolverConfig.REGISTRY_URL, registryUrl);
        config.put(SchemaResolverConfig.AUTO_REGISTER_ARTIFACT, true);
        config.put(SchemaResolverConfig.AUTO_REGISTER_ARTIFACT_IF_EXISTS, "FIND_OR_CREATE_VERSION");
        // Register each writer schema whole (nested records and enums inline). Otherwise Apicurio 3 registers them as
        // separate artifacts referenced by name, and /apis/ccompat/v7/schemas/ids/{id} serves a schema that a plain
        // Avro consumer cannot parse on its own.
        config.put(SchemaResolverConfig.DEREFERENCE_SCHEMA, true);
        config.put(AvroSerdeConfig.USE_SPECIFIC_AVRO_READER, true);
        config.put(AvroSerdeConfig.AVRO_DATUM_PROVIDER, SchemaInstanceDatumProvider.class.getName());
        config.put(KafkaSerdeConfig.ENABLE_HEADERS, false);
        return config;
    }

    /** The registry core API URL for a registry base URL such as {@code http://localhost:8081}. */
    public static String coreApi(String registryBaseUrl) {
        String base = registryBaseUrl.endsWith("/") ? registryBaseUrl.substring(0, registryBaseUrl.length() - 1) : registryBaseUrl;
        return base + "/apis/registry/v3";
    }

    public static <T extends SpecificRecord> Serializer<T> valueSerializer(String registryUrl) {
        AvroKafkaSerializer<T> serializer = new AvroKafkaSerializer<>();
        serializer.configure(config(registryUrl), false);
        return serializer;
    }

    public static <T extends SpecificRecord> Deserializer<T> valueDeserializer(String registryUrl) {
        AvroKafkaDeserializer<T> deserializer = new AvroKafkaDeserializer<>();
        deserializer.configure(config(registryUrl), false);
        return deserializer;
    }

    /** A Kafka Streams serde for record values. */
    public static <T extends SpecificRecord> Serde<T> valueSerde(String registryUrl) {
        return Serdes.serdeFrom(valueSerializer(registryUrl), valueDeserializer(registryUrl));
    }
}
