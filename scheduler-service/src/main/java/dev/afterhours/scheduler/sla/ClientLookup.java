package dev.afterhours.scheduler.sla;

import dev.afterhours.businesstime.SupportHours;
import dev.afterhours.contracts.ClientProfile;
import java.util.Optional;

/** Finds a client's profile by id; in production the live {@code DirectoryView}, in tests a map. */
@FunctionalInterface
public interface ClientLookup {

    Optional<ClientProfile> client(String clientId);

    /**
     * The working hours of the person responsible for the client (its account manager), when they name their own
     * ({@code StaffMember.workingHours}); empty when they name none (the client's calendar stands in) or are unknown.
     */
    default Optional<SupportHours> responsibleHours(ClientProfile client) {
        return Optional.empty();
    }
}
