/** Kafka adapters: listeners, dead-letter handling, topic followers, startup ordering. */
@NullMarked
package dev.afterhours.notifier.kafka;

import org.jspecify.annotations.NullMarked;
