package dev.afterhours.notifier.report;

import dev.afterhours.contracts.AfterHoursStatus;
import dev.afterhours.contracts.Urgency;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** Told of each fact as the store folds it in, with the moment it happened; the metrics listen. */
public interface ReportListener {

    ReportListener NONE = new ReportListener() {
    };

    /** An inbound message arrived at {@code at}. */
    default void messageArrived(String clientId, AfterHoursStatus status, Instant at) {
    }

    /** An SLA closed at {@code at}: met (with its times to first response) or breached (both null). */
    default void slaClosed(String clientId, Urgency urgency, String channel, boolean met, @Nullable Duration wall,
            @Nullable Duration business, Instant at) {
    }

    /** Staff corrected an EMERGENCY down at {@code at}: a false 911. */
    default void falseEmergency(String clientId, Instant at) {
    }

    /** A person was paged (first delivery of one step of an incident to them) at {@code at}. */
    default void paged(String staffId, String urgency, Instant at) {
    }

    /** A page reached a person in their quiet hours on a channel that can wake them (anything but email). */
    default void wokeInQuietHours(String staffId, String urgency, Instant at) {
    }
}
