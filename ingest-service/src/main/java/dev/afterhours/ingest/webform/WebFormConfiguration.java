package dev.afterhours.ingest.webform;

import dev.afterhours.directory.DirectoryView;
import dev.afterhours.ingest.message.MessageIntake;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The clients' web forms: tokens (when a key is configured), the per-address limit, the intake and the metrics. */
@Configuration(proxyBeanMethods = false)
public class WebFormConfiguration {

    @Bean
    WebFormIntake webFormIntake(MessageIntake intake, DirectoryView directory, WebFormProperties properties,
            MeterRegistry meters, Clock clock) {
        FormTokens tokens = properties.tokenKey() == null ? null
                : new FormTokens(properties.tokenKey(), properties.minFillTime(), properties.tokenTtl(), clock);
        return new WebFormIntake(intake, directory::clients, directory::isLoaded, tokens,
                new FormRateLimiter(properties.rateLimit()), new WebFormMetrics(meters), clock);
    }
}
