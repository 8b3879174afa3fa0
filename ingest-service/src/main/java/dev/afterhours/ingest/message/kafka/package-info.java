/** Kafka adapters of message intake: the producer of {@code MessageReceived} and the follower that feeds the index. */
@NullMarked
package dev.afterhours.ingest.message.kafka;

import org.jspecify.annotations.NullMarked;
