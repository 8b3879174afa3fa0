package dev.afterhours.notifier.ledger;

import dev.afterhours.contracts.EscalationReason;
import dev.afterhours.contracts.NotificationAcknowledged;
import dev.afterhours.contracts.NotificationDelivered;
import dev.afterhours.contracts.NotificationEscalated;
import dev.afterhours.contracts.NotificationEvent;
import dev.afterhours.contracts.NotificationFailed;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the notifications topic says, in memory: which notifications were delivered (the delivered-set that stops a
 * second page), which were acknowledged, how far each escalation has climbed, and the recent history per client.
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

    /** An acknowledgement, as first recorded. */
    public record Ack(String notificationId, String escalationId, String clientId, String staffId,
                      @Nullable String note, Instant acknowledgedAt) {
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
    private final Map<String, Delivery> delivered = new HashMap<>();
    private final Map<String, Ack> acks = new HashMap<>();
    private final Map<String, Track> tracks = new HashMap<>();
    private final Map<String, Deque<NotificationEvent>> history = new HashMap<>();

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
        switch (event.getPayload()) {
            case NotificationDelivered d -> {
                delivered.putIfAbsent(event.getNotificationId(), new Delivery(event.getNotificationId(),
                        event.getEscalationId(), event.getClientId(), d.getStaffId(), d.getLevel(), event.getOccurredAt()));
                advance(event, d.getReason(), d.getSummary(), d.getLevel());
            }
            case NotificationFailed ignored -> advance(event, null, "", 0);
            case NotificationEscalated e -> advance(event, null, "", e.getToLevel());
            case NotificationAcknowledged a -> {
                acks.putIfAbsent(event.getNotificationId(), new Ack(event.getNotificationId(), event.getEscalationId(),
                        event.getClientId(), a.getStaffId(), a.getNote(), event.getOccurredAt()));
                Track track = tracks.get(event.getEscalationId());
                if (track != null) {
                    tracks.put(track.escalationId(), new Track(track.escalationId(), track.clientId(), track.reason(),
                            track.summary(), track.level(), track.levelSince(), true));
                } else {
                    tracks.put(event.getEscalationId(), new Track(event.getEscalationId(), event.getClientId(), null, "",
                            1, event.getOccurredAt(), true));
                }
            }
            default -> log.warn("Ignoring notification event {} with unknown payload {}", event.getEventId(),
                    event.getPayload().getClass().getName());
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

    public synchronized boolean isDelivered(String notificationId) {
        return delivered.containsKey(notificationId);
    }

    public synchronized Optional<Delivery> delivery(String notificationId) {
        return Optional.ofNullable(delivered.get(notificationId));
    }

    /** Whether {@code staffId} was paged, at any level, for this escalation. */
    public synchronized boolean wasPaged(String escalationId, String staffId) {
        return delivered.values().stream()
                .anyMatch(d -> d.escalationId().equals(escalationId) && d.staffId().equals(staffId));
    }

    public synchronized Optional<Ack> ack(String notificationId) {
        return Optional.ofNullable(acks.get(notificationId));
    }

    public synchronized Optional<Track> track(String escalationId) {
        return Optional.ofNullable(tracks.get(escalationId));
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
        acks.values().removeIf(a -> a.acknowledgedAt().isBefore(cutoff));
        tracks.values().removeIf(t -> t.levelSince().isBefore(cutoff));
        history.values().forEach(h -> h.removeIf(e -> e.getOccurredAt().isBefore(cutoff)));
        history.values().removeIf(Deque::isEmpty);
    }
}
