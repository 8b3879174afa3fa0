package dev.afterhours.classifier;

import dev.afterhours.contracts.serde.RegistrySerdes;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

@SpringBootApplication
@EnableConfigurationProperties({ClassifierProperties.class, PlatformProperties.class})
public class ClassifierApplication {

    public static void main(String[] args) {
        // Avro 1.12 refuses to instantiate generated classes from untrusted packages; must run before Avro loads.
        RegistrySerdes.trustGeneratedPackage();
        SpringApplication.run(ClassifierApplication.class, args);
    }
}
