package dev.afterhours.classifier.correction;

import dev.afterhours.contracts.UrgencyCorrected;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;

/**
 * {@code afterhours.classifier.corrections}: acknowledged corrections by client, direction, from and to urgency.
 * Divided by {@code afterhours.classifier.emergencies} it gives the false-911 rate per client.
 */
public final class CorrectionMetrics {

    public static final String CORRECTIONS = "afterhours.classifier.corrections";

    private final MeterRegistry registry;

    public CorrectionMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void corrected(UrgencyCorrected correction) {
        Counter.builder(CORRECTIONS)
                .description("Staff corrections of the classifier's urgency, published and acknowledged")
                .tag("client", correction.getClientId())
                .tag("direction", correction.getDirection().name().toLowerCase(Locale.ROOT))
                .tag("from", correction.getPreviousUrgency().name())
                .tag("to", correction.getCorrectedUrgency().name())
                .register(registry)
                .increment();
    }
}
