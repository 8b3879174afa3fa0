package dev.afterhours.classifier.correction;

import dev.afterhours.classifier.ClientLabels;
import dev.afterhours.contracts.UrgencyCorrected;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;

/**
 * {@code afterhours.classifier.corrections}: acknowledged corrections by client, direction, from and to urgency.
 * Divided by {@code afterhours.classifier.emergencies} it gives the false-911 rate per client (the first clients by
 * name, then "other": {@link ClientLabels}).
 */
public final class CorrectionMetrics {

    public static final String CORRECTIONS = "afterhours.classifier.corrections";

    private final MeterRegistry registry;
    private final ClientLabels clients;

    public CorrectionMetrics(MeterRegistry registry) {
        this(registry, new ClientLabels(ClientLabels.DEFAULT_LIMIT));
    }

    public CorrectionMetrics(MeterRegistry registry, ClientLabels clients) {
        this.registry = registry;
        this.clients = clients;
    }

    public void corrected(UrgencyCorrected correction) {
        Counter.builder(CORRECTIONS)
                .description("Staff corrections of the classifier's urgency, published and acknowledged")
                .tag("client", clients.of(correction.getClientId()))
                .tag("direction", correction.getDirection().name().toLowerCase(Locale.ROOT))
                .tag("from", correction.getPreviousUrgency().name())
                .tag("to", correction.getCorrectedUrgency().name())
                .register(registry)
                .increment();
    }
}
