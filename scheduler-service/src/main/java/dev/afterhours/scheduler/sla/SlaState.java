package dev.afterhours.scheduler.sla;

import dev.afterhours.contracts.SlaClock;
import dev.afterhours.contracts.Urgency;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One SLA as the scheduler keeps it in its state store: open until met or breached, then remembered for a while
 * so a re-delivered message does not start it again. Times are epoch milliseconds (the store's JSON stays flat).
 * {@code warnAtPercent}, {@code pageAt} and {@code pageAtPercent} came later: states written before read them as
 * null (no page timer; a warning without its percent). {@code replyTo} came later still: null there, as for a message
 * that may not be answered automatically, means no update is sent to the client when the SLA is breached.
 */
public record SlaState(String slaId, String clientId, String conversationId, String messageId, Urgency urgency,
                       SlaClock clock, String target, long receivedAt, long dueAt, @Nullable Long warnAt,
                       Status status, @Nullable Long closedAt, @Nullable Integer warnAtPercent,
                       @Nullable Long pageAt, @Nullable Integer pageAtPercent, @Nullable ReplyTo replyTo) {

    public enum Status { OPEN, MET, BREACHED }

    public boolean open() {
        return status == Status.OPEN;
    }

    public Instant dueAtInstant() {
        return Instant.ofEpochMilli(dueAt);
    }

    public Instant receivedAtInstant() {
        return Instant.ofEpochMilli(receivedAt);
    }

    public SlaState closed(Status how, Instant at) {
        return new SlaState(slaId, clientId, conversationId, messageId, urgency, clock, target, receivedAt, dueAt,
                warnAt, how, at.toEpochMilli(), warnAtPercent, pageAt, pageAtPercent, replyTo);
    }
}
