package dev.afterhours.directory;

import dev.afterhours.contracts.ClientProfile;
import dev.afterhours.contracts.EscalationPolicy;
import dev.afterhours.contracts.Rotation;
import dev.afterhours.contracts.StaffMember;
import java.util.List;

/** A whole directory at once, as a seed file holds it. */
public record DirectorySnapshot(List<ClientProfile> clients, List<StaffMember> staff, List<Rotation> rotations,
                                List<EscalationPolicy> escalationPolicies) {

    public DirectorySnapshot {
        clients = List.copyOf(clients);
        staff = List.copyOf(staff);
        rotations = List.copyOf(rotations);
        escalationPolicies = List.copyOf(escalationPolicies);
    }
}
