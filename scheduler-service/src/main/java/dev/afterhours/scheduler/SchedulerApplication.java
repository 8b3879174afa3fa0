package dev.afterhours.scheduler;

import dev.afterhours.contracts.serde.RegistrySerdes;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The SLA scheduler: due times, durable timers, warnings, breaches, met SLAs, escalations and auto-replies. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SchedulerApplication {

    public static void main(String[] args) {
        // Avro 1.12 refuses generated classes outside trusted packages; must happen before Avro is touched.
        RegistrySerdes.trustGeneratedPackage();
        SpringApplication.run(SchedulerApplication.class, args);
    }
}
