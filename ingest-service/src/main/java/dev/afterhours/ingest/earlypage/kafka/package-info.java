/** The early page's producer to the escalations topic, and its wiring. */
@NullMarked
package dev.afterhours.ingest.earlypage.kafka;

import org.jspecify.annotations.NullMarked;
