package dev.afterhours.scheduler.sla;

import dev.afterhours.contracts.ClientProfile;
import java.util.Optional;

/** Finds a client's profile by id; in production the live {@code DirectoryView}, in tests a map. */
@FunctionalInterface
public interface ClientLookup {

    Optional<ClientProfile> client(String clientId);
}
