package dev.afterhours.notifier;

import dev.afterhours.contracts.serde.RegistrySerdes;
import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/** Pages people: escalations and SLA breaches in; signed webhooks, email, SMS, calls and Slack out; every outcome recorded. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class NotifierApplication {

    public static void main(String[] args) {
        // Avro 1.12 refuses generated classes from untrusted packages; this must run before any serde is built.
        RegistrySerdes.trustGeneratedPackage();
        SpringApplication.run(NotifierApplication.class, args);
    }

    /** One clock for quiet hours, rotations and timestamps, so tests can reason about "now". */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
