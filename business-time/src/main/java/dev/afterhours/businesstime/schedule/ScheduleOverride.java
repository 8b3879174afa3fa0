package dev.afterhours.businesstime.schedule;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * {@code staffId} is on call in {@code [from, to)} instead of whoever the layers (and earlier overrides) put there;
 * with {@code covered}, only while {@code covered} would be on call (the dentist appointment: "I cover for Bob
 * between 14:00 and 16:00", which does nothing if Bob is not on call then).
 */
public record ScheduleOverride(Instant from, Instant to, String staffId, @Nullable String covered) {

    public ScheduleOverride {
        InvalidScheduleException.required("override.from", from);
        InvalidScheduleException.required("override.to", to);
        if (!to.isAfter(from)) {
            throw new InvalidScheduleException("override.to", to + " is not after from " + from);
        }
        InvalidScheduleException.requiredText("override.staffId", staffId);
        if (covered != null && covered.isBlank()) {
            throw new InvalidScheduleException("override.covered", "must not be blank (leave it out to cover anyone)");
        }
    }

    /** Covers whoever is on call. */
    public ScheduleOverride(Instant from, Instant to, String staffId) {
        this(from, to, staffId, null);
    }

    boolean contains(Instant t) {
        return !t.isBefore(from) && t.isBefore(to);
    }
}
