/** Reads consumer groups' committed offsets and the topics' end offsets with a Kafka Admin client, in the background. */
@NullMarked
package dev.afterhours.ingest.backpressure.kafka;

import org.jspecify.annotations.NullMarked;
