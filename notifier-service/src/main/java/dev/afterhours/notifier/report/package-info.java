/**
 * Reports: SLA attainment, after-hours load, client burden and incident history, folded from the events on Kafka
 * into bounded aggregates (per hour, client, urgency and channel; open SLAs by id until they close; incidents by
 * escalation), rebuilt from the topics at every start; and the {@code afterhours_report_*} metrics.
 */
@NullMarked
package dev.afterhours.notifier.report;

import org.jspecify.annotations.NullMarked;
