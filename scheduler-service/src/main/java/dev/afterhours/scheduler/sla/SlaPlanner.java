package dev.afterhours.scheduler.sla;

import dev.afterhours.businesstime.SupportHours;
import dev.afterhours.contracts.AfterHoursStatus;
import dev.afterhours.contracts.ClientProfile;
import dev.afterhours.contracts.MessageClassified;
import dev.afterhours.contracts.SlaClock;
import dev.afterhours.contracts.SlaTarget;
import dev.afterhours.contracts.Topics;
import dev.afterhours.contracts.Urgency;
import dev.afterhours.directory.Calendars;
import dev.afterhours.directory.DirectoryValidator;
import dev.afterhours.directory.SlaPolicies;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Applies a client's SLA policy to an inbound message: target and clock for its urgency, due time, warning time,
 * and whether the work waits for the next opening. When the client's policy cannot be applied (unknown client,
 * no target for the urgency, a broken calendar) the configured default targets on the CALENDAR clock apply, so
 * triage still has a clock; {@link SlaPlan#fallbackReason()} says why.
 */
public final class SlaPlanner {

    /** Fallback reasons, also metric tag values. */
    public static final String UNRESOLVED_CLIENT = "unresolved-client";
    public static final String UNKNOWN_CLIENT = "unknown-client";
    public static final String NO_TARGET = "no-target";
    public static final String INVALID_TARGET = "invalid-target";
    public static final String INVALID_CALENDAR = "invalid-calendar";
    /** The target parses, but no due time can be computed from it (it overflows the range of instants). */
    public static final String UNCOMPUTABLE_TARGET = "uncomputable-target";

    /** The latest instant a due time may take: what the timer index and the Avro timestamps can hold. */
    static final Instant LATEST = Instant.ofEpochMilli(Long.MAX_VALUE);

    private final Map<Urgency, Duration> defaultTargets;
    private final int defaultWarnAtPercent;

    public SlaPlanner(Map<Urgency, Duration> defaultTargets, int defaultWarnAtPercent) {
        for (Urgency urgency : Urgency.values()) {
            if (!defaultTargets.containsKey(urgency)) {
                throw new IllegalArgumentException("default target missing for " + urgency);
            }
        }
        this.defaultTargets = new EnumMap<>(defaultTargets);
        this.defaultWarnAtPercent = defaultWarnAtPercent;
    }

    public SlaPlan plan(MessageClassified classified, Optional<ClientProfile> client) {
        return plan(classified, client, Optional.empty());
    }

    /**
     * @param responsible the working hours of the person responsible for the client, if they name their own: a 411
     *                    deferred after hours then waits for the next moment both the client's calendar and those
     *                    hours are open (the due time stays on the client's calendar, as promised)
     */
    public SlaPlan plan(MessageClassified classified, Optional<ClientProfile> client, Optional<SupportHours> responsible) {
        Instant receivedAt = classified.getMessage().getReceivedAt();
        Urgency urgency = classified.getUrgency();
        String fallback = null;
        SupportHours hours = null;
        if (client.isEmpty()) {
            fallback = Topics.UNRESOLVED_CLIENT.equals(classified.getClientId()) ? UNRESOLVED_CLIENT : UNKNOWN_CLIENT;
        } else {
            try {
                hours = Calendars.supportHours(client.get().getCalendar());
                // A calendar without any open time passes the record checks but has no next opening.
                hours.nextOpenAt(receivedAt);
            } catch (IllegalArgumentException e) {
                hours = null;
                fallback = INVALID_CALENDAR;
            }
        }

        Duration target = defaultTargets.get(urgency);
        SlaClock clock = SlaClock.CALENDAR;
        int warnAtPercent = defaultWarnAtPercent;
        int pageAtPercent = 0;
        if (client.isPresent() && hours != null) {
            Optional<SlaTarget> promised = SlaPolicies.targetFor(client.get(), urgency);
            Duration parsed = promised.map(t -> parse(t.getTarget())).orElse(null);
            if (promised.isEmpty()) {
                fallback = NO_TARGET;
            } else if (parsed == null) {
                fallback = INVALID_TARGET;
            } else {
                target = parsed;
                clock = promised.get().getClock();
                warnAtPercent = client.get().getSlaPolicy().getWarnAtPercent();
                pageAtPercent = client.get().getSlaPolicy().getPageAtPercent();
            }
        }

        Instant dueAt;
        Instant warnAt = null;
        Instant pageAt = null;
        try {
            dueAt = due(clock, hours, receivedAt, target);
            if (warnAtPercent > 0 && warnAtPercent < 100) {
                warnAt = due(clock, hours, receivedAt, target.multipliedBy(warnAtPercent).dividedBy(100));
            }
            if (pageAtPercent > 0 && pageAtPercent < 100) {
                pageAt = due(clock, hours, receivedAt, target.multipliedBy(pageAtPercent).dividedBy(100));
            }
            // The timer index and the events keep epoch milliseconds; a due time beyond them cannot be kept.
            dueAt.toEpochMilli();
        } catch (IllegalArgumentException | DateTimeException | ArithmeticException e) {
            // IllegalArgumentException: only the business clock fails so (no open time within the horizon).
            // DateTimeException, ArithmeticException: receivedAt + target leaves the range of instants. Either way
            // the message must not fail: count every minute of the default target instead.
            fallback = e instanceof IllegalArgumentException ? INVALID_CALENDAR : UNCOMPUTABLE_TARGET;
            target = defaultTargets.get(urgency);
            clock = SlaClock.CALENDAR;
            warnAtPercent = defaultWarnAtPercent;
            pageAtPercent = 0;
            pageAt = null;
            dueAt = saturatedPlus(receivedAt, target);
            warnAt = warnAtPercent > 0 && warnAtPercent < 100
                    ? saturatedPlus(receivedAt, target.multipliedBy(warnAtPercent).dividedBy(100)) : null;
        }
        Instant deferredUntil = null;
        if (urgency != Urgency.EMERGENCY && classified.getAfterHoursStatus() != AfterHoursStatus.IN_HOURS
                && hours != null) {
            deferredUntil = responsible.isPresent() ? nextOpenInBoth(hours, responsible.get(), receivedAt)
                    : hours.nextOpenAt(receivedAt);
        }
        return new SlaPlan(target, clock, receivedAt, dueAt, warnAt, warnAtPercent, deferredUntil,
                hours == null ? null : hours.zone(), fallback, pageAt, pageAtPercent);
    }

    /**
     * When the client may now expect an answer to an SLA breached without one, and the zone to tell it in.
     *
     * @param answerBy one more target from the breach, on the SLA's own clock (the client's business hours for a
     *                 BUSINESS SLA), computed the way the due time was: the one computation of the new time, which the
     *                 update to the client states as written
     * @param zone     the client's zone
     */
    public record Renewal(Instant answerBy, ZoneId zone) {
    }

    /**
     * The new time of a breached SLA, counted from {@code from}; empty when the client or its calendar is unknown or
     * broken now (then there is no zone to state a time in, nor a business clock to count it on).
     */
    public static Optional<Renewal> renewal(SlaState state, Optional<ClientProfile> client, Instant from) {
        if (client.isEmpty()) {
            return Optional.empty();
        }
        try {
            SupportHours hours = Calendars.supportHours(client.get().getCalendar());
            Instant answerBy = due(state.clock(), hours, from, Duration.parse(state.target()));
            answerBy.toEpochMilli();
            return Optional.of(new Renewal(answerBy, hours.zone()));
        } catch (IllegalArgumentException | DateTimeException | ArithmeticException e) {
            return Optional.empty();
        }
    }

    /** How many alternations between two calendars are tried before settling for the client's own opening. */
    static final int MAX_ALTERNATIONS = 1_000;

    /**
     * The earliest instant at or after {@code from} open in both calendars; the client's own next opening when they
     * never overlap (within the engine's horizon, or {@link #MAX_ALTERNATIONS} alternations).
     */
    static Instant nextOpenInBoth(SupportHours client, SupportHours person, Instant from) {
        Instant fallback = client.nextOpenAt(from);
        try {
            Instant at = from;
            for (int i = 0; i < MAX_ALTERNATIONS; i++) {
                Instant clientOpen = client.nextOpenAt(at);
                Instant personOpen = person.nextOpenAt(clientOpen);
                if (personOpen.equals(clientOpen) || client.isOpen(personOpen)) {
                    return personOpen;
                }
                at = personOpen; // strictly later than clientOpen: each round moves on
            }
        } catch (IllegalArgumentException e) {
            // one of them has no open time within the horizon
        }
        return fallback;
    }

    private static Instant due(SlaClock clock, @Nullable SupportHours hours, Instant from, Duration amount) {
        if (clock == SlaClock.BUSINESS && hours != null) {
            return hours.dueAt(from, amount);
        }
        return from.plus(amount);
    }

    /** {@code from + amount}, or {@link #LATEST} where that is later (the default targets are small; this is a guard). */
    private static Instant saturatedPlus(Instant from, Duration amount) {
        try {
            Instant sum = from.plus(amount);
            return sum.isAfter(LATEST) ? LATEST : sum;
        } catch (DateTimeException | ArithmeticException e) {
            return LATEST;
        }
    }

    private static @Nullable Duration parse(String iso) {
        try {
            Duration duration = Duration.parse(iso);
            // Beyond the directory's bound (records saved before it existed): not a promise anyone can keep.
            return duration.isNegative() || duration.isZero() || duration.compareTo(DirectoryValidator.MAX_SLA_TARGET) > 0
                    ? null : duration;
        } catch (DateTimeException e) {
            return null;
        }
    }
}
