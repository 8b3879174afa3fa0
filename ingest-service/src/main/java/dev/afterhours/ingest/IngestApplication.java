package dev.afterhours.ingest;

import dev.afterhours.contracts.serde.RegistrySerdes;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The front door: the JSON message API in, {@code MessageReceived} out, plus the directory admin API. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class IngestApplication {

    public static void main(String[] args) {
        // Avro 1.12 refuses generated classes from untrusted packages; must happen before Avro is touched.
        RegistrySerdes.trustGeneratedPackage();
        SpringApplication.run(IngestApplication.class, args);
    }
}
