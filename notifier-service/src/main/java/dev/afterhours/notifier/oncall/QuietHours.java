package dev.afterhours.notifier.oncall;

import dev.afterhours.contracts.StaffMember;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * A staff member's quiet hours: {@code [quietFrom, quietTo)} on their own wall clock, in their own zone. A window
 * whose end is before its start runs across midnight (21:00-07:00). Equal ends mean no quiet hours, as does a
 * person without both fields.
 */
public final class QuietHours {

    private QuietHours() {
    }

    public static boolean isQuiet(StaffMember staff, Instant now) {
        if (staff.getQuietFrom() == null || staff.getQuietTo() == null) {
            return false;
        }
        return isQuiet(LocalTime.parse(staff.getQuietFrom()), LocalTime.parse(staff.getQuietTo()),
                ZoneId.of(staff.getZone()), now);
    }

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
}
