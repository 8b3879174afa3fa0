/**
 * Staff replies written through the API: routed back the way the conversation's client wrote, handed to the
 * notifier to send, and recorded OUTBOUND by it only once sent.
 */
@NullMarked
package dev.afterhours.ingest.reply;

import org.jspecify.annotations.NullMarked;
