/**
 * Requests from Slack (the Events API into ingest, a page's Acknowledge button into the notifier), verified by
 * Slack's own {@code SlackSignature} in one place.
 */
@NullMarked
package dev.afterhours.security.slack;

import org.jspecify.annotations.NullMarked;
