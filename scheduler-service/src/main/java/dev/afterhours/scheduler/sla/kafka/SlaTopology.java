package dev.afterhours.scheduler.sla.kafka;

import dev.afterhours.contracts.AutoReplyRequested;
import dev.afterhours.contracts.EscalationRequested;
import dev.afterhours.contracts.MessageClassified;
import dev.afterhours.contracts.SlaEvent;
import dev.afterhours.contracts.Topics;
import dev.afterhours.scheduler.sla.AcknowledgementPolicy;
import dev.afterhours.scheduler.sla.ClientLookup;
import dev.afterhours.scheduler.sla.SlaMetrics;
import dev.afterhours.scheduler.sla.SlaPlanner;
import java.time.Duration;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The scheduler's topology: classified messages in; SLA events, escalations and auto-reply requests out, all
 * keyed by clientId. Built from a plain {@link StreamsBuilder} so it runs the same in {@code TopologyTestDriver}
 * and for real.
 *
 * <pre>
 * afterhours.messages.classified.v1 ──► sla-clock (stores: sla-state, sla-timers, sla-conversations, sla-timer-retries)
 *                                           ├─► afterhours.sla.events.v1
 *                                           ├─► afterhours.escalations.v1
 *                                           └─► afterhours.auto-replies.v1
 * </pre>
 */
public final class SlaTopology {

    /** slaId → {@code SlaState} (JSON): open SLAs, and closed ones until purged. */
    public static final String STATE_STORE = "sla-state";
    /** {@code <epoch millis>|<kind>|<slaId>} → slaId: the time index of warnings, breaches and purges. */
    public static final String TIMER_STORE = "sla-timers";
    /** {@code <conversationId>|<slaId>} → slaId, for every open SLA: how a staff reply finds what it answers. */
    public static final String CONVERSATION_STORE = "sla-conversations";
    /** timer key → {@code <failures>|<next attempt millis>}, for every timer whose firing failed and is retried. */
    public static final String TIMER_RETRY_STORE = "sla-timer-retries";
    /**
     * {@code c|<conversationId>} and {@code s|<sender>} → epoch millis of the last auto-acknowledgement there: what
     * keeps it to one per conversation and sender within the acknowledgement window.
     */
    public static final String ACK_STORE = "sla-acknowledgements";

    static final String PROCESSOR_NAME = "sla-clock";

    private final SlaPlanner planner;
    private final ClientLookup clients;
    private final Duration tick;
    private final Duration closedRetention;
    private final SlaMetrics metrics;
    private final TimerRetry timerRetry;
    private final AcknowledgementPolicy acknowledgements;

    public SlaTopology(SlaPlanner planner, ClientLookup clients, Duration tick, Duration closedRetention,
            SlaMetrics metrics) {
        this(planner, clients, tick, closedRetention, metrics, TimerRetry.DEFAULT, AcknowledgementPolicy.DEFAULT);
    }

    public SlaTopology(SlaPlanner planner, ClientLookup clients, Duration tick, Duration closedRetention,
            SlaMetrics metrics, TimerRetry timerRetry, AcknowledgementPolicy acknowledgements) {
        this.planner = planner;
        this.clients = clients;
        this.tick = tick;
        this.closedRetention = closedRetention;
        this.metrics = metrics;
        this.timerRetry = timerRetry;
        this.acknowledgements = acknowledgements;
    }

    /**
     * Adds the SLA clock to {@code builder}.
     *
     * @param messages serde of the input values
     * @param events   serde of the output values (any generated record; the topic decides the subject)
     */
    public void build(StreamsBuilder builder, Serde<MessageClassified> messages, Serde<SpecificRecord> events) {
        builder.stream(Topics.MESSAGES_CLASSIFIED.name(), Consumed.with(Serdes.String(), messages).withName("classified"))
                .process(new Supplier(), Named.as(PROCESSOR_NAME))
                .to((clientId, event, context) -> topicOf(event), Produced.with(Serdes.String(), events).withName("sla-out"));
    }

    /** Where each kind of output goes: dispatch on the generated type, never on strings. */
    static String topicOf(SpecificRecord event) {
        return switch (event) {
            case SlaEvent ignored -> Topics.SLA_EVENTS.name();
            case EscalationRequested ignored -> Topics.ESCALATIONS.name();
            case AutoReplyRequested ignored -> Topics.AUTO_REPLIES.name();
            default -> throw new IllegalStateException("no topic for " + event.getClass().getName());
        };
    }

    /** Supplies a processor per task and declares the stores it uses, so they are created and connected with it. */
    private final class Supplier implements ProcessorSupplier<String, MessageClassified, String, SpecificRecord> {

        @Override
        public Processor<String, MessageClassified, String, SpecificRecord> get() {
            return new SlaProcessor(planner, clients, tick, closedRetention, metrics, timerRetry, acknowledgements);
        }

        @Override
        public Set<StoreBuilder<?>> stores() {
            // Persistent (RocksDB) and changelogged, the default for these builders: the changelog restores a
            // lost or moved state directory, and exactly-once writes it in the same transaction as the events.
            return Set.of(
                    Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STATE_STORE), Serdes.String(),
                            new SlaStateSerde()),
                    Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(TIMER_STORE), Serdes.String(),
                            Serdes.String()),
                    Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(CONVERSATION_STORE), Serdes.String(),
                            Serdes.String()),
                    Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(TIMER_RETRY_STORE), Serdes.String(),
                            Serdes.String()),
                    Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ACK_STORE), Serdes.String(),
                            Serdes.String()));
        }
    }
}
