package dev.afterhours.classifier.correction;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Configuration of urgency corrections.
 *
 * @param indexWait      how long a correction for an id the index does not know waits for the index to reach the
 *                       classified topic's current end (a correction right after the classification is published)
 * @param lookupTimeout  how long fetching the one classified record may take before the answer is 503
 * @param publishTimeout how long the broker has to acknowledge a correction before the answer is 503
 * @param exportTimeout  how long reading the corrections topic for an export may take before the answer is 503
 */
@ConfigurationProperties("afterhours.classifier.corrections")
public record CorrectionProperties(
        @DefaultValue("3s") Duration indexWait,
        @DefaultValue("5s") Duration lookupTimeout,
        @DefaultValue("10s") Duration publishTimeout,
        @DefaultValue("30s") Duration exportTimeout) {
}
