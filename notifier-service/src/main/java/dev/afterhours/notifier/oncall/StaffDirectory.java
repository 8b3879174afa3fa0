package dev.afterhours.notifier.oncall;

import dev.afterhours.contracts.ClientProfile;
import dev.afterhours.contracts.EscalationPolicy;
import dev.afterhours.contracts.Rotation;
import dev.afterhours.contracts.StaffMember;
import dev.afterhours.directory.DirectoryView;
import java.util.Optional;

/** The directory lookups paging needs; the live {@link DirectoryView} in production, plain maps in unit tests. */
public interface StaffDirectory {

    Optional<ClientProfile> client(String clientId);

    Optional<StaffMember> staff(String staffId);

    Optional<Rotation> rotation(String rotationId);

    Optional<EscalationPolicy> escalationPolicy(String policyId);

    static StaffDirectory of(DirectoryView view) {
        return new StaffDirectory() {
            @Override
            public Optional<ClientProfile> client(String clientId) {
                return view.client(clientId);
            }

            @Override
            public Optional<StaffMember> staff(String staffId) {
                return view.staff(staffId);
            }

            @Override
            public Optional<Rotation> rotation(String rotationId) {
                return view.rotation(rotationId);
            }

            @Override
            public Optional<EscalationPolicy> escalationPolicy(String policyId) {
                return view.escalationPolicy(policyId);
            }
        };
    }
}
