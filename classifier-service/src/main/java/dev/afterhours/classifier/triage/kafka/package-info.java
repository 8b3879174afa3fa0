/** Kafka adapter: the exactly-once consume-classify-produce loop and its dead-letter topic. */
@NullMarked
package dev.afterhours.classifier.triage.kafka;

import org.jspecify.annotations.NullMarked;
