package dev.afterhours.notifier.oncall;

import dev.afterhours.contracts.QuietWindow;
import dev.afterhours.contracts.StaffMember;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Optional;

/**
 * A staff member's quiet hours, on their own wall clock in their own zone.
 *
 * <ul>
 *   <li>{@code quietFrom}/{@code quietTo} (the older shape): {@code [quietFrom, quietTo)} on every day. A window whose
 *       end is before its start runs across midnight (21:00-07:00). Equal ends, or a missing end, mean no window.</li>
 *   <li>{@code quietHours}: windows by day of week. A window starts at {@code from} on each of its {@code days} and
 *       ends at the next {@code to}: the same day if {@code to} is later, else the next day (so MON 22:00-07:00 ends
 *       on Tuesday morning). Equal ends mean 24 hours, so {@code [SAT, SUN] 00:00-00:00} is the whole weekend.</li>
 * </ul>
 *
 * A person is quiet when any window holds. Windows are local time: the instant is turned into the person's local
 * date and time first, so a window keeps its wall-clock ends across a DST change (a 22:00-07:00 night is an hour
 * shorter or longer that night, and a local time skipped by the change is simply never seen).
 */
public final class QuietHours {

    private QuietHours() {
    }

    public static boolean isQuiet(StaffMember staff, Instant now) {
        return quietWindow(staff, now).isPresent();
    }

    /** The window that makes the person quiet now, for the record ("[SATURDAY, SUNDAY] 00:00-00:00 Europe/Berlin"). */
    public static Optional<String> quietWindow(StaffMember staff, Instant now) {
        boolean legacy = staff.getQuietFrom() != null && staff.getQuietTo() != null;
        if (!legacy && staff.getQuietHours().isEmpty()) {
            return Optional.empty(); // nothing to evaluate, so not even the zone (as before quietHours existed)
        }
        ZoneId zone = ZoneId.of(staff.getZone());
        if (legacy && isQuiet(LocalTime.parse(staff.getQuietFrom()), LocalTime.parse(staff.getQuietTo()), zone, now)) {
            return Optional.of(staff.getQuietFrom() + "-" + staff.getQuietTo() + " " + zone);
        }
        LocalDateTime local = now.atZone(zone).toLocalDateTime();
        for (QuietWindow window : staff.getQuietHours()) {
            if (holds(window, local)) {
                return Optional.of(window.getDays() + " " + window.getFrom() + "-" + window.getTo() + " " + zone);
            }
        }
        return Optional.empty();
    }

    /** The older every-day window; equal ends mean none. */
    public static boolean isQuiet(LocalTime from, LocalTime to, ZoneId zone, Instant now) {
        LocalTime local = now.atZone(zone).toLocalTime();
        if (from.equals(to)) {
            return false;
        }
        if (from.isBefore(to)) {
            return !local.isBefore(from) && local.isBefore(to);
        }
        return !local.isBefore(from) || local.isBefore(to);
    }

    /** Whether a day-of-week window holds at a local date and time. */
    static boolean holds(QuietWindow window, LocalDateTime local) {
        LocalTime from = LocalTime.parse(window.getFrom());
        LocalTime to = LocalTime.parse(window.getTo());
        LocalTime time = local.toLocalTime();
        boolean startedToday = startsOn(window, local.getDayOfWeek()) && !time.isBefore(from);
        if (from.isBefore(to)) {
            return startedToday && time.isBefore(to);
        }
        // Runs past midnight (or 24 hours when the ends are equal): today's window from `from` on, or the one that
        // started yesterday, until `to`.
        boolean startedYesterday = startsOn(window, local.getDayOfWeek().minus(1)) && time.isBefore(to);
        return startedToday || startedYesterday;
    }

    private static boolean startsOn(QuietWindow window, DayOfWeek day) {
        return window.getDays().stream().anyMatch(d -> d.name().equals(day.name()));
    }
}
