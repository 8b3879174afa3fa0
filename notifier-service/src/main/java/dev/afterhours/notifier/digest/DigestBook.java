package dev.afterhours.notifier.digest;

import dev.afterhours.contracts.AutoReplyKind;
import dev.afterhours.contracts.AutoReplyOutcome;
import dev.afterhours.contracts.AutoReplyRecorded;
import dev.afterhours.contracts.AutoReplyRequested;
import dev.afterhours.contracts.Channel;
import dev.afterhours.contracts.SlaBreached;
import dev.afterhours.contracts.SlaDeferred;
import dev.afterhours.contracts.SlaEvent;
import dev.afterhours.contracts.SlaMet;
import dev.afterhours.contracts.SlaStarted;
import dev.afterhours.contracts.SlaWarned;
import dev.afterhours.contracts.Urgency;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * What the digests need to know, folded from the SLA events, the acknowledgement requests and their outcomes: each
 * SLA (client, urgency, when it arrived, when it is due, whether it was deferred, warned, met or breached) and what its
 * client was told (the acknowledgement's text and whether and when it went out). Keyed by slaId, which is the
 * message id the acknowledgement names. Thread-safe: followers fold in while the sender reads.
 */
public final class DigestBook {

    public enum Status { OPEN, WARNED, MET, BREACHED }

    /** What the client was told: the acknowledgement asked for, and what became of it (null while unknown). */
    public record Told(Channel channel, String to, String text, Instant expectedAnswerBy,
                       @Nullable AutoReplyOutcome outcome, @Nullable Instant at) {
    }

    /** One SLA as a digest lists it. */
    public record Entry(String slaId, String clientId, String conversationId, Urgency urgency, Instant receivedAt,
                        Instant dueAt, @Nullable Instant deferredUntil, Status status, @Nullable Instant closedAt,
                        @Nullable Told told) {
    }

    private record Sla(String slaId, String clientId, String conversationId, Urgency urgency, Instant receivedAt,
                       Instant dueAt, @Nullable Instant deferredUntil, Status status, @Nullable Instant closedAt) {
        Sla with(Status next, @Nullable Instant at) {
            return new Sla(slaId, clientId, conversationId, urgency, receivedAt, dueAt, deferredUntil, next, at);
        }
    }

    private record Outcome(AutoReplyOutcome outcome, Instant at) {
    }

    private final Map<String, Sla> slas = new ConcurrentHashMap<>();
    private final Map<String, AutoReplyRequested> requests = new ConcurrentHashMap<>();
    private final Map<String, Outcome> outcomes = new ConcurrentHashMap<>();

    public void apply(SlaEvent event) {
        String id = event.getSlaId();
        switch (event.getPayload()) {
            case SlaStarted started -> slas.putIfAbsent(id, new Sla(id, event.getClientId(), event.getConversationId(),
                    event.getUrgency(), started.getReceivedAt(), started.getDueAt(), null, Status.OPEN, null));
            case SlaDeferred deferred -> slas.computeIfPresent(id, (k, s) -> new Sla(k, s.clientId(), s.conversationId(),
                    s.urgency(), s.receivedAt(), s.dueAt(), deferred.getUntil(), s.status(), s.closedAt()));
            case SlaWarned ignored -> slas.computeIfPresent(id, (k, s) -> s.status() == Status.OPEN ? s.with(Status.WARNED, null) : s);
            case SlaMet met -> slas.computeIfPresent(id, (k, s) -> s.with(Status.MET, met.getRespondedAt()));
            case SlaBreached breached -> slas.computeIfPresent(id, (k, s) -> s.with(Status.BREACHED, event.getOccurredAt()));
            default -> { /* a step this build does not know: nothing to list */ }
        }
    }

    /** An acknowledgement; an update sent when the SLA was breached is not what the client was told overnight. */
    public void apply(AutoReplyRequested request) {
        if (request.getKind() == AutoReplyKind.ACKNOWLEDGEMENT) {
            requests.put(request.getMessageId(), request);
        }
    }

    public void apply(AutoReplyRecorded recorded) {
        if (recorded.getKind() != AutoReplyKind.ACKNOWLEDGEMENT) {
            return;
        }
        // ATTEMPTED never hides a later outcome (a late copy of the intent), as in the acknowledgement ledger.
        outcomes.merge(recorded.getMessageId(), new Outcome(recorded.getOutcome(), recorded.getOccurredAt()),
                (prior, next) -> next.outcome() == AutoReplyOutcome.ATTEMPTED ? prior : next);
    }

    /**
     * What a morning digest lists: the SLAs of these clients that arrived in {@code [since, dayStart)} (overnight),
     * and those that arrived before {@code since} and are still open (left from an earlier day, such as a message
     * at 17:00 on a Friday due on Monday), soonest due first.
     */
    public List<Entry> forDigest(Set<String> clientIds, Instant since, Instant dayStart) {
        return slas.values().stream()
                .filter(s -> clientIds.contains(s.clientId()) && s.receivedAt().isBefore(dayStart))
                .filter(s -> !s.receivedAt().isBefore(since) || s.status() == Status.OPEN || s.status() == Status.WARNED)
                .map(this::entry)
                .sorted(Comparator.comparing(Entry::dueAt).thenComparing(Entry::receivedAt).thenComparing(Entry::slaId))
                .toList();
    }

    /** Forgets SLAs that arrived before the cutoff and what their clients were told. */
    public void forgetBefore(Instant cutoff) {
        slas.values().removeIf(s -> s.receivedAt().isBefore(cutoff));
        requests.values().removeIf(r -> r.getRequestedAt().isBefore(cutoff));
        outcomes.values().removeIf(o -> o.at().isBefore(cutoff));
    }

    private Entry entry(Sla sla) {
        AutoReplyRequested request = requests.get(sla.slaId());
        Outcome outcome = outcomes.get(sla.slaId());
        Told told = request == null ? null : new Told(request.getChannel(), request.getTo(), request.getText(),
                request.getExpectedAnswerBy(), outcome == null ? null : outcome.outcome(), outcome == null ? null : outcome.at());
        return new Entry(sla.slaId(), sla.clientId(), sla.conversationId(), sla.urgency(), sla.receivedAt(), sla.dueAt(),
                sla.deferredUntil(), sla.status(), sla.closedAt(), told);
    }
}
