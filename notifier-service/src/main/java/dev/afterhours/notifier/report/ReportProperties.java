package dev.afterhours.notifier.report;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the reports, under {@code afterhours.notifier.reports}.
 *
 * @param topClients        clients with a label of their own in the {@code afterhours_report_*} metrics (the others
 *                          are {@code client="other"}): the most after-hours messages, then pages, over
 *                          {@code topClientsWindow}
 * @param topClientsWindow  the window the top clients are ranked over
 * @param retention         how long the aggregates are kept in memory (also bounded by what the topics keep)
 * @param defaultSpan       the range of a report that names no {@code from}
 * @param maxSpan           the longest range a report answers
 */
@ConfigurationProperties(prefix = "afterhours.notifier.reports")
public record ReportProperties(
        @DefaultValue("10") int topClients,
        @DefaultValue("P30D") Duration topClientsWindow,
        @DefaultValue("P400D") Duration retention,
        @DefaultValue("P7D") Duration defaultSpan,
        @DefaultValue("P366D") Duration maxSpan) {

    public ReportProperties {
        if (topClients < 0 || topClients > 100) {
            // each is a label value on several series: a bound keeps Prometheus' cardinality in check
            throw new IllegalArgumentException("afterhours.notifier.reports.top-clients: 0 to 100, was " + topClients);
        }
        if (defaultSpan.compareTo(maxSpan) > 0 || maxSpan.compareTo(retention) > 0) {
            throw new IllegalArgumentException("afterhours.notifier.reports: default-span (" + defaultSpan
                    + ") <= max-span (" + maxSpan + ") <= retention (" + retention + ") is required");
        }
    }
}
