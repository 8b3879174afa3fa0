package dev.afterhours.businesstime.schedule;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * At {@code at} the person on call changes from {@code before} to {@code after}; either may be null (nobody).
 * A change of source alone (the same person, now by an override) is no handoff.
 */
public record Handoff(Instant at, @Nullable OnCall before, @Nullable OnCall after) {
}
