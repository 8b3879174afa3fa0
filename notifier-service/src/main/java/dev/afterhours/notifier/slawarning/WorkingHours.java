package dev.afterhours.notifier.slawarning;

import dev.afterhours.businesstime.SupportHours;
import dev.afterhours.contracts.ClientProfile;
import dev.afterhours.contracts.StaffMember;
import dev.afterhours.directory.Calendars;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When a person works: their own {@code workingHours} (weekly windows on their wall clock, in their zone), or, when
 * they name none, the calendar hours of the client concerned. Both are {@link SupportHours} of the business-time
 * engine, so "in hours" and "the next opening" mean what they mean for SLAs.
 */
public final class WorkingHours {

    private static final Logger log = LoggerFactory.getLogger(WorkingHours.class);

    private WorkingHours() {
    }

    /** The person's own hours, else the client's; empty when neither can be read (a broken record). */
    public static Optional<SupportHours> of(StaffMember staff, ClientProfile client) {
        try {
            Optional<SupportHours> own = Calendars.workingHours(staff);
            return own.isPresent() ? own : Optional.of(Calendars.supportHours(client.getCalendar()));
        } catch (IllegalArgumentException e) {
            log.warn("Cannot read the working hours of {} (client {}): {}", staff.getStaffId(), client.getClientId(),
                    e.getMessage());
            return Optional.empty();
        }
    }

    /** The person's own hours, if they name any and they can be read. */
    public static Optional<SupportHours> own(StaffMember staff) {
        try {
            return Calendars.workingHours(staff);
        } catch (IllegalArgumentException e) {
            log.warn("Cannot read the working hours of {}: {}", staff.getStaffId(), e.getMessage());
            return Optional.empty();
        }
    }
}
