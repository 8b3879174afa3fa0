/**
 * E-mail in: a raw RFC 5322 message (from the SMTP listener in {@code smtp} or the inbound-parse webhook in
 * {@code web}) parsed with Apache Mime4j into an {@link dev.afterhours.ingest.message.InboundMessage}, quoted history
 * and signature stripped, and taken through the same {@link dev.afterhours.ingest.message.MessageIntake} as every
 * other channel (idempotency by Message-ID, client resolution, threading).
 */
@NullMarked
package dev.afterhours.ingest.email;

import org.jspecify.annotations.NullMarked;
