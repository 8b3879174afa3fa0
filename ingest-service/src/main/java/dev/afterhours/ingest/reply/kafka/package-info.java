/** The replies topic's producer. */
@NullMarked
package dev.afterhours.ingest.reply.kafka;

import org.jspecify.annotations.NullMarked;
