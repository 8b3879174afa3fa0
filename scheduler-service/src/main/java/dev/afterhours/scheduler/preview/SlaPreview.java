package dev.afterhours.scheduler.preview;

import dev.afterhours.businesstime.OpeningStatus;
import dev.afterhours.businesstime.SupportHours;
import dev.afterhours.businesstime.definition.InvalidCalendarException;
import dev.afterhours.contracts.SlaClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The arithmetic behind the preview endpoints: the same {@link SupportHours} the pipeline uses. */
public final class SlaPreview {

    /** The most points a dry-run series may ask for. */
    public static final int MAX_SERIES = 1000;

    private SlaPreview() {
    }

    /** One answer: when a message received at {@code receivedAt} falls due, when support next opens, and the status. */
    public record Point(Instant receivedAt, Instant dueAt, Instant nextOpenAt, OpeningStatus status) {
    }

    public static Point at(SupportHours hours, Instant receivedAt, Duration target, SlaClock clock) {
        Instant dueAt = clock == SlaClock.CALENDAR ? receivedAt.plus(target) : hours.dueAt(receivedAt, target);
        return new Point(receivedAt, dueAt, hours.nextOpenAt(receivedAt), hours.status(receivedAt));
    }

    /** The dry run: one point for each of {@code count} instants, {@code every} apart, from {@code first}. */
    public static List<Point> series(SupportHours hours, Instant first, Duration every, int count, Duration target, SlaClock clock) {
        if (count < 1 || count > MAX_SERIES) {
            throw new InvalidCalendarException("count", "must be between 1 and " + MAX_SERIES + ", was " + count);
        }
        if (every.isNegative() || every.isZero()) {
            throw new InvalidCalendarException("every", "must be a positive duration, was " + every);
        }
        List<Point> points = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            points.add(at(hours, first.plus(every.multipliedBy(i)), target, clock));
        }
        return points;
    }
}
