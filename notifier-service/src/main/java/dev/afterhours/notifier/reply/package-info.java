/**
 * Staff replies written through ingest's API: sent once on the client's channel, then recorded OUTBOUND on the
 * received topic, which stops the SLA clock.
 */
@NullMarked
package dev.afterhours.notifier.reply;

import org.jspecify.annotations.NullMarked;
