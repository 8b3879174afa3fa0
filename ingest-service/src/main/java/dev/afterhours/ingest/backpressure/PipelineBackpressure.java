package dev.afterhours.ingest.backpressure;

import dev.afterhours.contracts.ClientProfile;
import dev.afterhours.ingest.message.Backpressure;
import dev.afterhours.ingest.message.InboundMessage;
import dev.afterhours.ingest.message.PipelineBehindException;
import java.util.Collection;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Routine messages wait while the backlog is over the limit; emergencies and urgent messages never do. */
public final class PipelineBackpressure implements Backpressure {

    private static final Logger log = LoggerFactory.getLogger(PipelineBackpressure.class);

    private final BacklogGate gate;
    private final Supplier<? extends Collection<ClientProfile>> clients;
    private final LongSupplier nanoTime;

    public PipelineBackpressure(BacklogGate gate, Supplier<? extends Collection<ClientProfile>> clients,
            LongSupplier nanoTime) {
        this.gate = gate;
        this.clients = clients;
        this.nanoTime = nanoTime;
    }

    @Override
    public @Nullable PipelineBehindException refusal(InboundMessage message) {
        PipelineBehindException behind = gate.refusal(nanoTime.getAsLong());
        if (behind == null) {
            return null; // the common case costs one volatile read; the directory is searched only under load
        }
        Optional<String> priority = PriorityMessages.why(message, clients.get());
        if (priority.isPresent()) {
            log.debug("Pipeline behind ({} messages), taking {} anyway: {}", behind.backlog(),
                    message.providerMessageId(), priority.get());
            return null;
        }
        return behind;
    }
}
