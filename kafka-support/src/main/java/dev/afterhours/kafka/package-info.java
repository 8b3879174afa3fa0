/**
 * How every Kafka client of every service is configured, in one place: {@link dev.afterhours.kafka.KafkaConnection}
 * says how to reach the cluster, {@link dev.afterhours.kafka.ProducerSettings} and
 * {@link dev.afterhours.kafka.ConsumerSettings} add the settings a client needs for what it promises
 * ({@code durable()}, {@code readCommitted()}, {@code answerWithin(timeout)}...), so a service's configuration says
 * which promise, not which properties.
 */
@NullMarked
package dev.afterhours.kafka;

import org.jspecify.annotations.NullMarked;
