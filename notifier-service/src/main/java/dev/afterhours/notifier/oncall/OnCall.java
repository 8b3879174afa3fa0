package dev.afterhours.notifier.oncall;

import dev.afterhours.businesstime.schedule.FinalSchedule;
import dev.afterhours.contracts.Rotation;
import dev.afterhours.directory.RotationSchedules;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Who is on call in a rotation at a moment: members take turns of {@code shiftLength} from {@code startsAt}, so the
 * member index is {@code floor((now - startsAt) / shiftLength) mod members.size()}.
 *
 * <p>Shifts are exact durations on the timeline ({@code P7D} is 168 hours), so in a zone with daylight saving time
 * the local handover hour moves by an hour twice a year. Before {@code startsAt} the turns simply run backwards
 * (floor division and floor modulo), so the answer is always defined.
 *
 * <p>A rotation with {@code layers} is a schedule as people plan it instead, computed by the business-time engine
 * ({@link RotationSchedules}): handoffs exact on the local clock, restrictions, overrides and time off.
 */
public final class OnCall {

    private OnCall() {
    }

    /**
     * The staffId on call at {@code now}; empty for a rotation without members, or a schedule of layers with nobody
     * on call then (its final schedule, computed by the business-time engine, has a gap there).
     */
    public static Optional<String> at(Rotation rotation, Instant now) {
        if (RotationSchedules.isLayered(rotation)) {
            return FinalSchedule.onCallAt(RotationSchedules.schedule(rotation), now)
                    .map(dev.afterhours.businesstime.schedule.OnCall::staffId);
        }
        return at(rotation.getMembers(), rotation.getStartsAt(), Duration.parse(rotation.getShiftLength()), now);
    }

    public static Optional<String> at(List<String> members, Instant startsAt, Duration shiftLength, Instant now) {
        if (members.isEmpty()) {
            return Optional.empty();
        }
        if (shiftLength.isZero() || shiftLength.isNegative()) {
            throw new IllegalArgumentException("shiftLength must be positive, was " + shiftLength);
        }
        long elapsedMillis = Duration.between(startsAt, now).toMillis();
        long shift = Math.floorDiv(elapsedMillis, shiftLength.toMillis());
        return Optional.of(members.get((int) Math.floorMod(shift, (long) members.size())));
    }
}
