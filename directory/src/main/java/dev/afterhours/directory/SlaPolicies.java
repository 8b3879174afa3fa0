package dev.afterhours.directory;

import dev.afterhours.contracts.ClientProfile;
import dev.afterhours.contracts.SlaTarget;
import dev.afterhours.contracts.Urgency;
import java.util.Optional;

/** Looks up a client's turnaround promise for an urgency. */
public final class SlaPolicies {

    private SlaPolicies() {
    }

    /** The client's target for this urgency; empty when the policy promises nothing for it. */
    public static Optional<SlaTarget> targetFor(ClientProfile client, Urgency urgency) {
        return client.getSlaPolicy().getTargets().stream().filter(t -> t.getUrgency() == urgency).findFirst();
    }
}
