package dev.afterhours.notifier.report;

import dev.afterhours.contracts.ClientProfile;
import dev.afterhours.contracts.StaffMember;
import dev.afterhours.directory.DirectoryView;
import java.util.Optional;

/** What the reports read from the directory: a client's calendar and emergency lines, a person's zone and quiet hours. */
public interface ReportDirectory {

    Optional<ClientProfile> client(String clientId);

    Optional<StaffMember> staff(String staffId);

    static ReportDirectory of(DirectoryView view) {
        return new ReportDirectory() {
            @Override
            public Optional<ClientProfile> client(String clientId) {
                return view.client(clientId);
            }

            @Override
            public Optional<StaffMember> staff(String staffId) {
                return view.staff(staffId);
            }
        };
    }
}
