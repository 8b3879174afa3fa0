package dev.afterhours.scheduler.sla;

import dev.afterhours.contracts.SlaClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.jspecify.annotations.Nullable;

/**
 * What an SLA promises for one inbound message.
 *
 * @param target         the turnaround promise
 * @param clock          BUSINESS counts only the client's open hours, CALENDAR every minute
 * @param receivedAt     when the clock starts counting (the message's receivedAt)
 * @param dueAt          when the promise breaks
 * @param warnAt         when to warn, or null when the policy asks for no warning
 * @param warnAtPercent  the share of the target after which to warn
 * @param deferredUntil  for non-urgent messages that arrived outside support hours: the next opening
 * @param zone           the client's zone, for texts; null when the client's calendar is unknown
 * @param fallbackReason why the client's own policy could not be used (default targets apply), or null
 * @param pageAt         when to page whoever owns the SLA (the second, louder warning), or null when the policy has no
 *                       page threshold
 * @param pageAtPercent  the share of the target after which to page; 0 for none
 */
public record SlaPlan(Duration target, SlaClock clock, Instant receivedAt, Instant dueAt, @Nullable Instant warnAt,
                      int warnAtPercent, @Nullable Instant deferredUntil, @Nullable ZoneId zone,
                      @Nullable String fallbackReason, @Nullable Instant pageAt, int pageAtPercent) {
}
