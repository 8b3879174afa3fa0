package dev.afterhours.classifier.triage;

import dev.afterhours.contracts.ClientProfile;
import java.util.Collection;
import java.util.Optional;

/** The clients the classifier knows; the live directory view in production, a map in tests. */
public interface ClientDirectory {

    Optional<ClientProfile> client(String clientId);

    Collection<ClientProfile> clients();
}
