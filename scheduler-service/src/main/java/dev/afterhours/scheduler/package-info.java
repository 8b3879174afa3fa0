/**
 * The scheduler service: applies each client's SLA policy to classified messages, on Kafka Streams.
 */
@NullMarked
package dev.afterhours.scheduler;

import org.jspecify.annotations.NullMarked;
