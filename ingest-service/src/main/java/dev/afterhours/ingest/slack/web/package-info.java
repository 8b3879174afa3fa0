/** Slack's Events API endpoint: signature first, then the event. */
@NullMarked
package dev.afterhours.ingest.slack.web;

import org.jspecify.annotations.NullMarked;
