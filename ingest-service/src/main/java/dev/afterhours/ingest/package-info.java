/**
 * ingest-service: normalises messages from every channel into {@code MessageReceived} events (resolving the
 * client, threading conversations, dropping provider retries) and hosts the directory admin API.
 */
@NullMarked
package dev.afterhours.ingest;

import org.jspecify.annotations.NullMarked;
