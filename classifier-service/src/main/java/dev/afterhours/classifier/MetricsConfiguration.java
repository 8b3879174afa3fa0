package dev.afterhours.classifier;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class MetricsConfiguration {

    /** One bound for every metric with a client label, so the same clients are named in all of them. */
    @Bean
    ClientLabels clientLabels(@Value("${afterhours.classifier.metrics.client-labels:" + ClientLabels.DEFAULT_LIMIT + "}") int limit) {
        return new ClientLabels(limit);
    }
}
