package dev.afterhours.notifier.slawarning;

import dev.afterhours.contracts.ClientProfile;
import dev.afterhours.contracts.StaffMember;
import dev.afterhours.contracts.Urgency;
import dev.afterhours.notifier.oncall.RecipientResolver;
import dev.afterhours.notifier.oncall.Recipients;
import dev.afterhours.notifier.oncall.StaffDirectory;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Who owns a client's SLA at a moment: the client's account manager while they work ({@link WorkingHours}) and are
 * not on time off; otherwise whoever is on call at level 1 of the client's escalation policy (without those on time
 * off). A client without a policy falls back to its account manager, as an escalation does; a client the directory
 * does not know, to triage.
 */
public final class WarningOwners {

    private final StaffDirectory directory;
    private final RecipientResolver recipients;

    public WarningOwners(StaffDirectory directory, RecipientResolver recipients) {
        this.directory = directory;
        this.recipients = recipients;
    }

    public Recipients ownerOf(String clientId, Urgency urgency, Instant now) {
        Optional<ClientProfile> client = directory.client(clientId);
        if (client.isEmpty()) {
            return recipients.forEscalation(clientId, 1, now);
        }
        String managerId = client.get().getAccountManagerId();
        Optional<StaffMember> manager = directory.staff(managerId);
        boolean working = manager.flatMap(m -> WorkingHours.of(m, client.get())).map(h -> h.isOpen(now)).orElse(false);
        Recipients managerOnly = Recipients.of(List.of(managerId), "account manager, in working hours");
        if (working && !recipients.withoutTimeOff(managerOnly, Urgency.LOW, now).isEmpty()) {
            return managerOnly;
        }
        Recipients onCall = recipients.withoutTimeOff(recipients.forEscalation(clientId, 1, now), urgency, now);
        String why = manager.isEmpty() ? "account manager '" + managerId + "' not in the directory"
                : working ? "account manager on time off" : "outside the account manager's working hours";
        return onCall.isEmpty() ? onCall : Recipients.of(onCall.staffIds(), why + ": " + onCall.rule());
    }
}
