package dev.afterhours.businesstime.schedule;

import java.time.Duration;
import java.time.Instant;

/** One stretch {@code [start, end)} of the final schedule: {@code staffId} on call, put there by {@code source}. */
public record Entry(Instant start, Instant end, String staffId, Source source) {

    public Duration duration() {
        return Duration.between(start, end);
    }
}
