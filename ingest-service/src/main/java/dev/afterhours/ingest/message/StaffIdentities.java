package dev.afterhours.ingest.message;

import dev.afterhours.contracts.StaffMember;
import java.util.Collection;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Who of the agency's staff an address or chat user is, from the directory's {@code StaffMember} records (email
 * compared as the directory compares addresses, Slack member ids exactly), so a staff member writing to a client on
 * the client's channel is recorded as an OUTBOUND reply rather than as a stranger's message. Read on every call, so
 * a directory change applies to the next message.
 */
public final class StaffIdentities {

    /** The event header naming the staff member a message was recognised as coming from. */
    public static final String STAFF_ID = "x-afterhours-staff-id";

    /** No staff at all: every sender is someone outside the agency. */
    public static final StaffIdentities NONE = new StaffIdentities(java.util.List::of);

    private final Supplier<? extends Collection<StaffMember>> staff;

    public StaffIdentities(Supplier<? extends Collection<StaffMember>> staff) {
        this.staff = staff;
    }

    /** The staffId whose {@code email} is this address (display name and case ignored). */
    public Optional<String> byEmail(String address) {
        String normal = Addresses.normalise(address);
        if (normal.isBlank()) {
            return Optional.empty();
        }
        return staff.get().stream()
                .filter(member -> member.getEmail() != null && Addresses.normalise(member.getEmail()).equals(normal))
                .map(StaffMember::getStaffId)
                .min(String::compareTo);
    }

    /** The staffId whose {@code slackUserId} is this Slack member id. */
    public Optional<String> bySlackUser(String userId) {
        return staff.get().stream()
                .filter(member -> userId.equals(member.getSlackUserId()))
                .map(StaffMember::getStaffId)
                .min(String::compareTo);
    }
}
