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
    public static final int MAX_SERIES = SupportHours.MAX_SERIES;

    private SlaPreview() {
    }

    /** One answer: when a message received at {@code receivedAt} falls due, when support next opens, and the status. */
    public record Point(Instant receivedAt, Instant dueAt, Instant nextOpenAt, OpeningStatus status) {
    }

    public static Point at(SupportHours hours, Instant receivedAt, Duration target, SlaClock clock) {
        Instant dueAt = clock == SlaClock.CALENDAR ? calendarDue(receivedAt, target) : hours.dueAt(receivedAt, target);
        return new Point(receivedAt, dueAt, hours.nextOpenAt(receivedAt), hours.status(receivedAt));
    }

    /** The dry run: one point for each of {@code count} instants, {@code every} apart, from {@code first}. */
    public static List<Point> series(SupportHours hours, Instant first, Duration every, int count, Duration target,
            SlaClock clock) {
        // The library checks count, every and target, and computes the business-clock due times itself.
        List<Instant> businessDue = hours.dueSeries(first, every, count, target);
        List<Point> points = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Instant receivedAt = first.plus(every.multipliedBy(i));
            Instant dueAt = clock == SlaClock.CALENDAR ? calendarDue(receivedAt, target) : businessDue.get(i);
            points.add(new Point(receivedAt, dueAt, hours.nextOpenAt(receivedAt), hours.status(receivedAt)));
        }
        return points;
    }

    private static Instant calendarDue(Instant receivedAt, Duration target) {
        if (target.compareTo(SupportHours.HORIZON) > 0) {
            // Same limit as the business clock, so both clocks answer the same questions.
            throw new InvalidCalendarException("target", target + " from " + receivedAt
                    + " would fall due more than 5 years ahead");
        }
        return receivedAt.plus(target);
    }
}
