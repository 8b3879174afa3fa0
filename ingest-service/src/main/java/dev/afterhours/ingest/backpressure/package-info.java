/**
 * Backpressure that says so: how far behind the pipeline is (the classifier's consumer lag on the received topic),
 * and the rule that refuses routine messages, never emergencies, while it is further behind than allowed.
 */
@NullMarked
package dev.afterhours.ingest.backpressure;

import org.jspecify.annotations.NullMarked;
