package dev.afterhours.notifier.slawarning;

import dev.afterhours.contracts.SlaWarningLevel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;

/**
 * {@code afterhours.notifier.sla.warnings} ({@code afterhours_notifier_sla_warnings_total{level, outcome}}): SLA
 * warnings handled, by threshold level ({@code notify}, {@code page}) and what came of them ({@code delivered}: at
 * least one person got it now; {@code duplicate}: delivered before, a redelivery; {@code unreached}: nobody could
 * be reached). Every series exists at zero from the start; the labels are closed sets.
 */
public final class SlaWarningMetrics {

    public enum Outcome { DELIVERED, DUPLICATE, UNREACHED }

    private final MeterRegistry registry;

    public SlaWarningMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (SlaWarningLevel level : SlaWarningLevel.values()) {
            for (Outcome outcome : Outcome.values()) {
                counter(level, outcome);
            }
        }
    }

    public void count(SlaWarningLevel level, Outcome outcome) {
        counter(level, outcome).increment();
    }

    private Counter counter(SlaWarningLevel level, Outcome outcome) {
        return Counter.builder("afterhours.notifier.sla.warnings")
                .description("SLA warnings handled, by threshold level and outcome")
                .tag("level", level.name().toLowerCase(Locale.ROOT))
                .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                .register(registry);
    }
}
