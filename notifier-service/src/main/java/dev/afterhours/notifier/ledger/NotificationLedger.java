package dev.afterhours.notifier.ledger;

import dev.afterhours.contracts.EscalationReason;
import dev.afterhours.contracts.NotificationAcknowledged;
import dev.afterhours.contracts.NotificationAttempted;
import dev.afterhours.contracts.NotificationDelivered;
import dev.afterhours.contracts.NotificationEscalated;
import dev.afterhours.contracts.NotificationEvent;
import dev.afterhours.contracts.NotificationFailed;
import dev.afterhours.contracts.NotificationResolved;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the notifications topic says, in memory: where each delivery stands by its dedup key (attempted, delivered,
 * failed, outcome unknown: what stops a second page), which notifications were acknowledged, how far each escalation has climbed, which were resolved, every event of each escalation (the page history), and the recent history per client.
 *
 * <p>Fed by a follower that reads the topic from {@code now - ledgerWindow} at startup and then keeps reading, and
 * directly by this instance right after each of its own records is acknowledged by the broker, so a decision never
 * waits for the follower to see our own write. Applying an event twice is harmless (events are keyed by eventId).
 */
public final class NotificationLedger {

    private static final Logger log = LoggerFactory.getLogger(NotificationLedger.class);

    /** A delivered notification, enough to acknowledge it. */
    public record Delivery(String notificationId, String escalationId, String clientId, String staffId, int level,
                           Instant deliveredAt) {
    }

    /** Where the latest attempt of one dedup key stands. */
    public enum State {
        /** NotificationAttempted, and no outcome yet: if nothing is in flight, the page may or may not have gone out. */
        OPEN,
        DELIVERED,
        /** Failed for sure (refused, every attempt answered with an error): worth trying again on a redelivery. */
        FAILED,
        /** Recorded as failed with outcomeUnknown: maybe sent, so never sent again. */
        UNKNOWN
    }

    /** The latest attempt of one dedup key, with the notification id it was (and will be) sent under. */
    public record Attempt(String dedupKey, String notificationId, State state, Instant at) {
    }

    /** An acknowledgement, as first recorded. */
    public record Ack(String notificationId, String escalationId, String clientId, String staffId,
                      @Nullable String note, Instant acknowledgedAt) {
    }

    /** The resolution of an escalation (an incident), as first recorded. */
    public record Resolution(String escalationId, String clientId, String staffId, String note, @Nullable String noteId,
                             boolean acknowledgedImplicitly, Instant resolvedAt) {
    }

    /**
     * Where one escalation stands: its current level and since when, and whether anyone acknowledged it. Rebuilt
     * from the topic, so acknowledgement timers survive a restart.
     */
    public record Track(String escalationId, String clientId, @Nullable EscalationReason reason, String summary,
                        int level, Instant levelSince, boolean acknowledged) {
    }

    private final int historyPerClient;
    private final Set<String> seenEvents = new HashSet<>();
    private final Map<String, Instant> seenAt = new HashMap<>();
    /** By notification id: what was delivered, or attempted, and so can be acknowledged. */
    private final Map<String, Delivery> delivered = new HashMap<>();
    /** By dedup key. */
    private final Map<String, Attempt> attempts = new HashMap<>();
    private final Map<String, Ack> acks = new HashMap<>();
    private final Map<String, Track> tracks = new HashMap<>();
    private final Map<String, Deque<NotificationEvent>> history = new HashMap<>();
    /** By escalation id: its resolution, if it was resolved. */
    private final Map<String, Resolution> resolutions = new HashMap<>();
    /** By escalation id, first seen first: every event of it within the ledger window. */
    private final Map<String, List<NotificationEvent>> byEscalation = new LinkedHashMap<>();

    public NotificationLedger(int historyPerClient) {
        this.historyPerClient = historyPerClient;
    }

    /** Applies one event from the topic (or one we just wrote). Idempotent per eventId. */
    public synchronized void apply(NotificationEvent event) {
        if (!seenEvents.add(event.getEventId())) {
            return;
        }
        seenAt.put(event.getEventId(), event.getOccurredAt());
        Deque<NotificationEvent> clientHistory = history.computeIfAbsent(event.getClientId(), c -> new ArrayDeque<>());
        clientHistory.addFirst(event);
        while (clientHistory.size() > historyPerClient) {
            clientHistory.removeLast();
        }
        byEscalation.computeIfAbsent(event.getEscalationId(), e -> new ArrayList<>()).add(event);
        // Events before dedup keys existed carry the (name-based) key as their notification id.
        String key = event.getDedupKey() != null ? event.getDedupKey() : event.getNotificationId();
        switch (event.getPayload()) {
            case NotificationAttempted a -> {
                delivered.putIfAbsent(event.getNotificationId(), new Delivery(event.getNotificationId(),
                        event.getEscalationId(), event.getClientId(), a.getStaffId(), a.getLevel(), event.getOccurredAt()));
                Attempt prior = attempts.get(key);
                if (prior == null || prior.state() == State.FAILED) {
                    attempts.put(key, new Attempt(key, event.getNotificationId(), State.OPEN, event.getOccurredAt()));
                }
                advance(event, a.getReason(), a.getSummary(), a.getLevel());
            }
            case NotificationDelivered d -> {
                delivered.put(event.getNotificationId(), new Delivery(event.getNotificationId(),
                        event.getEscalationId(), event.getClientId(), d.getStaffId(), d.getLevel(), event.getOccurredAt()));
                attempts.put(key, new Attempt(key, event.getNotificationId(), State.DELIVERED, event.getOccurredAt()));
                advance(event, d.getReason(), d.getSummary(), d.getLevel());
            }
            case NotificationFailed f -> {
                Attempt prior = attempts.get(key);
                if (prior != null && (prior.state() == State.OPEN || prior.state() == State.FAILED)) {
                    attempts.put(key, new Attempt(key, prior.notificationId(), f.getOutcomeUnknown() ? State.UNKNOWN : State.FAILED,
                            event.getOccurredAt()));
                }
                advance(event, null, "", 0);
            }
            case NotificationEscalated e -> advance(event, null, "", e.getToLevel());
            case NotificationAcknowledged a -> {
                acks.putIfAbsent(event.getNotificationId(), new Ack(event.getNotificationId(), event.getEscalationId(),
                        event.getClientId(), a.getStaffId(), a.getNote(), event.getOccurredAt()));
                stop(event);
            }
            case NotificationResolved r -> {
                resolutions.putIfAbsent(event.getEscalationId(), new Resolution(event.getEscalationId(),
                        event.getClientId(), r.getStaffId(), r.getNote(), r.getNoteId(), r.getAcknowledgedImplicitly(),
                        event.getOccurredAt()));
                stop(event); // a resolution stops the escalation exactly like an acknowledgement
            }
            default -> log.warn("Ignoring notification event {} with unknown payload {}", event.getEventId(),
                    event.getPayload().getClass().getName());
        }
    }

    /** Marks the escalation's track acknowledged: no further level is paged. */
    private void stop(NotificationEvent event) {
        Track track = tracks.get(event.getEscalationId());
        if (track != null) {
            tracks.put(track.escalationId(), new Track(track.escalationId(), track.clientId(), track.reason(),
                    track.summary(), track.level(), track.levelSince(), true));
        } else {
            tracks.put(event.getEscalationId(), new Track(event.getEscalationId(), event.getClientId(), null, "",
                    1, event.getOccurredAt(), true));
        }
    }

    /** Moves an escalation's track to {@code level} if that is higher; level 0 only creates the track at level 1. */
    private void advance(NotificationEvent event, @Nullable EscalationReason reason, String summary, int level) {
        Track track = tracks.get(event.getEscalationId());
        if (track == null) {
            tracks.put(event.getEscalationId(), new Track(event.getEscalationId(), event.getClientId(), reason, summary,
                    Math.max(level, 1), event.getOccurredAt(), false));
            return;
        }
        EscalationReason knownReason = track.reason() != null ? track.reason() : reason;
        String knownSummary = track.summary().isEmpty() ? summary : track.summary();
        if (level > track.level()) {
            tracks.put(track.escalationId(), new Track(track.escalationId(), track.clientId(), knownReason, knownSummary,
                    level, event.getOccurredAt(), track.acknowledged()));
        } else if (knownReason != track.reason() || !knownSummary.equals(track.summary())) {
            tracks.put(track.escalationId(), new Track(track.escalationId(), track.clientId(), knownReason, knownSummary,
                    track.level(), track.levelSince(), track.acknowledged()));
        }
    }

    /** Whether the delivery with this dedup key went out and was recorded as delivered. */
    public synchronized boolean isDelivered(String dedupKey) {
        Attempt attempt = attempts.get(dedupKey);
        return attempt != null && attempt.state() == State.DELIVERED;
    }

    /** The latest attempt of a dedup key. */
    public synchronized Optional<Attempt> attempt(String dedupKey) {
        return Optional.ofNullable(attempts.get(dedupKey));
    }

    /**
     * A notification that was delivered, or attempted (its outcome may be unknown, so the person may have it), by
     * its notification id: what can be acknowledged.
     */
    public synchronized Optional<Delivery> delivery(String notificationId) {
        return Optional.ofNullable(delivered.get(notificationId));
    }

    /** Whether {@code staffId} was paged, at any level, for this escalation. */
    public synchronized boolean wasPaged(String escalationId, String staffId) {
        return delivered.values().stream()
                .anyMatch(d -> d.escalationId().equals(escalationId) && d.staffId().equals(staffId));
    }

    /**
     * The latest page to {@code staffId}, delivered (or attempted) at or after {@code since}, that is still open: not
     * acknowledged itself, its escalation not acknowledged by anyone and not resolved. What an SMS reply of "1" takes.
     */
    public synchronized Optional<Delivery> latestOpenFor(String staffId, Instant since) {
        return delivered.values().stream()
                .filter(d -> d.staffId().equals(staffId) && !d.deliveredAt().isBefore(since))
                .filter(d -> !acks.containsKey(d.notificationId()) && !resolutions.containsKey(d.escalationId()))
                .filter(d -> !Optional.ofNullable(tracks.get(d.escalationId())).map(Track::acknowledged).orElse(false))
                .max(Comparator.comparing(Delivery::deliveredAt));
    }

    public synchronized Optional<Ack> ack(String notificationId) {
        return Optional.ofNullable(acks.get(notificationId));
    }

    public synchronized Optional<Track> track(String escalationId) {
        return Optional.ofNullable(tracks.get(escalationId));
    }

    public synchronized Optional<Resolution> resolution(String escalationId) {
        return Optional.ofNullable(resolutions.get(escalationId));
    }

    /** Whether anyone acknowledged any notification of this escalation. */
    public synchronized boolean anyAcknowledged(String escalationId) {
        return acks.values().stream().anyMatch(a -> a.escalationId().equals(escalationId));
    }

    /** Every event of one escalation within the ledger window, in the order applied; empty if none. */
    public synchronized List<NotificationEvent> escalationEvents(String escalationId) {
        return List.copyOf(byEscalation.getOrDefault(escalationId, List.of()));
    }

    /** The events of every escalation (of one client, or of all when {@code clientId} is null), per escalation id. */
    public synchronized Map<String, List<NotificationEvent>> escalations(@Nullable String clientId) {
        Map<String, List<NotificationEvent>> copy = new LinkedHashMap<>();
        byEscalation.forEach((id, events) -> {
            if (!events.isEmpty() && (clientId == null || events.getFirst().getClientId().equals(clientId))) {
                copy.put(id, List.copyOf(events));
            }
        });
        return copy;
    }

    /** Escalations nobody has acknowledged yet. */
    public synchronized List<Track> unacknowledged() {
        return tracks.values().stream().filter(t -> !t.acknowledged()).toList();
    }

    /** Recent events, newest first; of one client, or of all when {@code clientId} is null. */
    public synchronized List<NotificationEvent> recent(@Nullable String clientId, int limit) {
        List<NotificationEvent> events = new ArrayList<>();
        if (clientId != null) {
            events.addAll(history.getOrDefault(clientId, new ArrayDeque<>()));
        } else {
            history.values().forEach(events::addAll);
        }
        events.sort(Comparator.comparing(NotificationEvent::getOccurredAt).reversed());
        return events.subList(0, Math.min(limit, events.size())).stream().toList();
    }

    /** Forgets what happened before {@code cutoff}, bounding memory to the ledger window. */
    public synchronized void forgetBefore(Instant cutoff) {
        for (Iterator<Map.Entry<String, Instant>> it = seenAt.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Instant> entry = it.next();
            if (entry.getValue().isBefore(cutoff)) {
                seenEvents.remove(entry.getKey());
                it.remove();
            }
        }
        delivered.values().removeIf(d -> d.deliveredAt().isBefore(cutoff));
        attempts.values().removeIf(a -> a.at().isBefore(cutoff));
        acks.values().removeIf(a -> a.acknowledgedAt().isBefore(cutoff));
        tracks.values().removeIf(t -> t.levelSince().isBefore(cutoff));
        resolutions.values().removeIf(r -> r.resolvedAt().isBefore(cutoff));
        byEscalation.values().forEach(events -> events.removeIf(e -> e.getOccurredAt().isBefore(cutoff)));
        byEscalation.values().removeIf(List::isEmpty);
        history.values().forEach(h -> h.removeIf(e -> e.getOccurredAt().isBefore(cutoff)));
        history.values().removeIf(Deque::isEmpty);
    }
}
