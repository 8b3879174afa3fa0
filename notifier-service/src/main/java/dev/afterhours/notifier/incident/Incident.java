package dev.afterhours.notifier.incident;

import dev.afterhours.contracts.EscalationReason;
import dev.afterhours.contracts.NotificationAcknowledged;
import dev.afterhours.contracts.NotificationAttempted;
import dev.afterhours.contracts.NotificationChannel;
import dev.afterhours.contracts.NotificationDelivered;
import dev.afterhours.contracts.NotificationEscalated;
import dev.afterhours.contracts.NotificationEvent;
import dev.afterhours.contracts.NotificationFailed;
import dev.afterhours.contracts.NotificationResolved;
import dev.afterhours.contracts.Urgency;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One escalation as a story, computed from its notification events (never stored): who was paged, on which channel,
 * when and at which step; who acknowledged first and when; who resolved it, when, with which handover note.
 *
 * <p>The incident opens with its first page (the first attempted, delivered or failed notification). The time to
 * acknowledge (MTTA) runs from there to the first acknowledgement of any of its pages, the time to resolve (MTTR)
 * to its resolution. A resolution nobody acknowledged before is its acknowledgement too.
 */
public record Incident(String escalationId, String clientId, String summary, @Nullable EscalationReason reason,
                       @Nullable Urgency urgency, Instant openedAt, int levelReached, List<PageSent> pages,
                       List<Step> steps, @Nullable Acknowledgement acknowledged, @Nullable Resolution resolved) {

    /** How a page ended: sent and taken, failed for sure, maybe sent (outcome unknown), or still in flight. */
    public enum Outcome { ATTEMPTED, DELIVERED, FAILED, UNKNOWN }

    /** One notification: one person, one channel, at one step. */
    public record PageSent(String notificationId, String staffId, NotificationChannel channel, int level, Instant at,
                           Outcome outcome, @Nullable String error) {
    }

    /** The escalation moved from one step to the next. */
    public record Step(int fromLevel, int toLevel, Instant at, String why) {
    }

    /** The first acknowledgement; {@code implicit} when it is the resolution of an incident nobody acknowledged. */
    public record Acknowledgement(String staffId, Instant at, @Nullable String note, @Nullable String notificationId,
                                  boolean implicit) {
    }

    public record Resolution(String staffId, Instant at, String note, @Nullable String noteId) {
    }

    public enum Status { OPEN, ACKNOWLEDGED, RESOLVED }

    public Status status() {
        return resolved != null ? Status.RESOLVED : acknowledged != null ? Status.ACKNOWLEDGED : Status.OPEN;
    }

    public Optional<Duration> timeToAcknowledge() {
        return acknowledged == null ? Optional.empty() : Optional.of(nonNegative(openedAt, acknowledged.at()));
    }

    public Optional<Duration> timeToResolve() {
        return resolved == null ? Optional.empty() : Optional.of(nonNegative(openedAt, resolved.at()));
    }

    private static Duration nonNegative(Instant from, Instant to) {
        Duration d = Duration.between(from, to);
        return d.isNegative() ? Duration.ZERO : d;
    }

    /** The incident these events tell, or empty if there are none. Events may come in any order. */
    public static Optional<Incident> of(List<NotificationEvent> events) {
        if (events.isEmpty()) {
            return Optional.empty();
        }
        List<NotificationEvent> ordered = events.stream()
                .sorted(Comparator.comparing(NotificationEvent::getOccurredAt)).toList();
        NotificationEvent firstEvent = ordered.getFirst();
        Map<String, PageSent> pages = new LinkedHashMap<>();
        List<Step> steps = new ArrayList<>();
        String summary = "";
        EscalationReason reason = null;
        Urgency urgency = null;
        Instant openedAt = null;
        int level = 1;
        Acknowledgement ack = null;
        Resolution resolution = null;
        boolean implicitAck = false;
        for (NotificationEvent e : ordered) {
            String id = e.getNotificationId();
            Instant at = e.getOccurredAt();
            switch (e.getPayload()) {
                case NotificationAttempted a -> {
                    pages.putIfAbsent(id, new PageSent(id, a.getStaffId(), a.getChannel(), a.getLevel(), at,
                            Outcome.ATTEMPTED, null));
                    summary = summary.isEmpty() ? a.getSummary() : summary;
                    reason = reason == null ? a.getReason() : reason;
                    urgency = urgency == null ? a.getUrgency() : urgency;
                    level = Math.max(level, a.getLevel());
                    openedAt = openedAt == null ? at : openedAt;
                }
                case NotificationDelivered d -> {
                    PageSent prior = pages.get(id);
                    pages.put(id, new PageSent(id, d.getStaffId(), d.getChannel(), d.getLevel(),
                            prior == null ? at : prior.at(), Outcome.DELIVERED, null));
                    summary = summary.isEmpty() ? d.getSummary() : summary;
                    reason = reason == null ? d.getReason() : reason;
                    level = Math.max(level, d.getLevel());
                    openedAt = openedAt == null ? at : openedAt;
                }
                case NotificationFailed f -> {
                    PageSent prior = pages.get(id);
                    pages.put(id, new PageSent(id, f.getStaffId(), f.getChannel(), prior == null ? level : prior.level(),
                            prior == null ? at : prior.at(), f.getOutcomeUnknown() ? Outcome.UNKNOWN : Outcome.FAILED,
                            f.getError()));
                    openedAt = openedAt == null ? at : openedAt;
                }
                case NotificationEscalated x -> {
                    steps.add(new Step(x.getFromLevel(), x.getToLevel(), at, x.getWhy()));
                    level = Math.max(level, x.getToLevel());
                }
                case NotificationAcknowledged a -> {
                    if (ack == null) {
                        ack = new Acknowledgement(a.getStaffId(), at, a.getNote(), id, false);
                    }
                }
                case NotificationResolved r -> {
                    if (resolution == null) {
                        resolution = new Resolution(r.getStaffId(), at, r.getNote(), r.getNoteId());
                        implicitAck = ack == null;
                    }
                }
                default -> {
                    // a payload of a later version: not part of this story
                }
            }
        }
        if (implicitAck && resolution != null) {
            ack = new Acknowledgement(resolution.staffId(), resolution.at(), null, null, true);
        }
        return Optional.of(new Incident(firstEvent.getEscalationId(), firstEvent.getClientId(), summary, reason,
                urgency, openedAt == null ? firstEvent.getOccurredAt() : openedAt, level, List.copyOf(pages.values()),
                List.copyOf(steps), ack, resolution));
    }
}
