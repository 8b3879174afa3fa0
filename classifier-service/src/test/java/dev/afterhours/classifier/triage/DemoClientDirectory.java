package dev.afterhours.classifier.triage;

import static dev.afterhours.classifier.support.Fixtures.demoDirectory;

import dev.afterhours.contracts.ClientProfile;
import java.util.Collection;
import java.util.Optional;

/** The demo directory's clients, for the triage's unit tests (no broker). */
final class DemoClientDirectory implements ClientDirectory {

    @Override
    public Optional<ClientProfile> client(String clientId) {
        return demoDirectory().clients().stream().filter(c -> c.getClientId().equals(clientId)).findFirst();
    }

    @Override
    public Collection<ClientProfile> clients() {
        return demoDirectory().clients();
    }
}
