/** Pending voicemails kept on a compacted topic, so a restarted ingest still publishes them. */
@NullMarked
package dev.afterhours.ingest.twilio.kafka;

import org.jspecify.annotations.NullMarked;
