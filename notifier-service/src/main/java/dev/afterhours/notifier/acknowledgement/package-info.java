/**
 * Sending the acknowledgement the scheduler asks for ({@code AutoReplyRequested}) to the client, and the update when
 * the SLA of its message was breached unanswered: what it says, the RFC 3834 headers, the per-client opt-out, and the
 * record of sends that makes each request go out at most once.
 */
@NullMarked
package dev.afterhours.notifier.acknowledgement;

import org.jspecify.annotations.NullMarked;
