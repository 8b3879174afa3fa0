package dev.afterhours.directory.follow;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a service needs to know of a {@link TopicFollower} for readiness and metrics: whether it is caught up now,
 * how often it restarted after an error, the last error, and how many undecodable records it skipped.
 */
public interface FollowerStatus {

    /** A short name for logs, health details and the {@code follower} metric tag, e.g. {@code directory}. */
    String name();

    /**
     * True while everything that was on the topics when the current consumer started has been applied. False before
     * the first catch-up and again from an error until the restarted consumer has caught up.
     */
    boolean isCaughtUp();

    /** True once the follower has caught up at least once: the view holds the topics' contents (maybe stale). */
    boolean hasCaughtUpOnce();

    /** How many times the consumer was re-created after an error. */
    long restarts();

    /** Records whose value could not be decoded; each was logged at WARN and skipped. */
    long skipped();

    /** The most recent error that made the follower restart (kept after it recovered). */
    Optional<Failure> lastFailure();

    /** The status as health-indicator details: caughtUp, restarts, skippedRecords, lastError, lastErrorAt. */
    default Map<String, Object> details() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("caughtUp", isCaughtUp());
        details.put("restarts", restarts());
        details.put("skippedRecords", skipped());
        lastFailure().ifPresent(failure -> {
            details.put("lastError", failure.error().toString());
            details.put("lastErrorAt", failure.at().toString());
        });
        return details;
    }

    /** An error that stopped a consumer, and when. */
    record Failure(Throwable error, Instant at) {
    }
}
