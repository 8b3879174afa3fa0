/**
 * The early page: a message on a client's emergency line is paged by ingest itself, with the escalation the
 * classifier's fast lane and the scheduler would request later (the same escalation id, so the notifier pages
 * once), right after the message is on the received topic and before its caller is answered.
 */
@NullMarked
package dev.afterhours.ingest.earlypage;

import org.jspecify.annotations.NullMarked;
