/**
 * Kafka adapter: the follower that indexes the classified topic, the one-record lookup, the non-transactional
 * corrections producer and the reader behind the export.
 */
@NullMarked
package dev.afterhours.classifier.correction.kafka;

import org.jspecify.annotations.NullMarked;
