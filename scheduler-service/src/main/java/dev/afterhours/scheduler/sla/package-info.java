/**
 * SLA arithmetic without Kafka: which target and clock apply, when an SLA falls due, when to warn, what to tell the client.
 */
@NullMarked
package dev.afterhours.scheduler.sla;

import org.jspecify.annotations.NullMarked;
