/**
 * Chat in, through Slack's Events API: requests signed with the app's signing secret (Slack's own
 * {@code SlackSignature} verifier, five-minute replay window), the URL verification handshake, and each message in a
 * client's shared channel taken through the one {@link dev.afterhours.ingest.message.MessageIntake} as a CHAT
 * message, threaded by Slack's thread and idempotent on channel and {@code ts}, so Slack's retries and replays yield
 * one message.
 */
@NullMarked
package dev.afterhours.ingest.slack;

import org.jspecify.annotations.NullMarked;
