/**
 * The Kafka Streams side of SLAs: the topology, its durable timers and state stores, and its runtime wiring.
 */
@NullMarked
package dev.afterhours.scheduler.sla.kafka;

import org.jspecify.annotations.NullMarked;
