package dev.afterhours.businesstime.schedule;

import java.time.Duration;
import java.time.Instant;

/** A stretch {@code [start, end)} in which nobody is on call. */
public record Gap(Instant start, Instant end) {

    public Duration duration() {
        return Duration.between(start, end);
    }
}
