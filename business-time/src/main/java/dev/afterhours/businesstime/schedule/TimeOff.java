package dev.afterhours.businesstime.schedule;

import java.time.Instant;

/**
 * {@code staffId} is away in {@code [from, to)}: no layer puts them on call then. A layer whose turn is theirs has
 * nobody for that time, so lower layers show through (or a coverage gap shows up, to be filled by an override).
 * Time off does not cancel an override that names them: an override is an explicit decision and wins.
 */
public record TimeOff(String staffId, Instant from, Instant to) {

    public TimeOff {
        InvalidScheduleException.requiredText("timeOff.staffId", staffId);
        InvalidScheduleException.required("timeOff.from", from);
        InvalidScheduleException.required("timeOff.to", to);
        if (!to.isAfter(from)) {
            throw new InvalidScheduleException("timeOff.to", to + " is not after from " + from);
        }
    }

    boolean contains(String staff, Instant t) {
        return staffId.equals(staff) && !t.isBefore(from) && t.isBefore(to);
    }
}
