package dev.afterhours.classifier.correction;

import dev.afterhours.classifier.ClientLabels;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CorrectionProperties.class)
class CorrectionConfiguration {

    @Bean
    CorrectionMetrics correctionMetrics(MeterRegistry registry, ClientLabels clientLabels) {
        return new CorrectionMetrics(registry, clientLabels);
    }

    @Bean
    UrgencyCorrections urgencyCorrections(ClassificationSource classifications, CorrectionSink sink,
            CorrectionHistory history, CorrectionMetrics metrics, Clock clock) {
        return new UrgencyCorrections(classifications, sink, history, metrics, clock);
    }
}
