package dev.afterhours.ingest.earlypage;

import dev.afterhours.contracts.ClientProfile;
import dev.afterhours.contracts.Direction;
import dev.afterhours.contracts.EmergencyEscalations;
import dev.afterhours.contracts.EscalationRequested;
import dev.afterhours.contracts.MessageReceived;
import dev.afterhours.ingest.backpressure.PriorityMessages;
import dev.afterhours.ingest.backpressure.PriorityMessages.EmergencyLine;
import dev.afterhours.ingest.message.EarlyPage;
import dev.afterhours.ingest.message.InboundMessage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pages a message on a client's emergency line as soon as it is on the received topic, before any classification:
 * the line itself says emergency, which is the first thing the classifier's rules would say too (a message to or
 * from one of the client's emergency lines is an EMERGENCY, whatever it says). It writes the very escalation the
 * classifier's fast lane and the scheduler request later ({@link EmergencyEscalations#of}, id
 * {@code <messageId>:emergency}, keyed by the message's client), so the notifier, whose ledger pages once per
 * escalation, level, person and channel, pages once whichever of the three comes first; this one comes first.
 *
 * <p>Only what is certain is paged here; everything else is left to the classifier, which still sees every message:
 * <ul>
 *   <li>INBOUND only: a staff reply sent from the emergency line pages nobody.</li>
 *   <li>The line must be one of the message's own client's emergency lines; for a sender the directory does not know
 *       ({@code unresolved}), any client's, as the classifier looks them up.</li>
 *   <li>Not automatic: RFC 3834's {@code Auto-Submitted} with any value but {@code no} (an auto-reply, and also an
 *       {@code auto-generated} notice, which the classifier judges by its words), {@code X-Autoreply},
 *       {@code X-Autorespond}, {@code Precedence: bulk|junk|list|auto_reply} or {@code List-Id}. A machine writing to
 *       the emergency line is the classifier's to judge, a loop of auto-replies must never page.</li>
 * </ul>
 * {@code Priority: urgent} does not page here: it is the posting integration's word for "take this even when the
 * pipeline is behind", not the client's line saying emergency, and the classifier does not read it as EMERGENCY.
 */
public final class EmergencyLinePager implements EarlyPage {

    /** The reason that says who paged, after "emergency line ...". */
    public static final String PAGED_BY_INGEST = "paged by ingest on arrival, before classification";
    public static final String METRIC = "afterhours.ingest.early-pages";

    private static final Logger log = LoggerFactory.getLogger(EmergencyLinePager.class);
    private static final Set<String> BULK_PRECEDENCE = Set.of("bulk", "junk", "list", "auto_reply");

    private final Function<String, Optional<ClientProfile>> client;
    private final Supplier<Collection<ClientProfile>> clients;
    private final EscalationSink sink;
    private final Counter paged;
    private final Counter failed;
    private final Counter automatic;

    /**
     * @param client  the directory's client by id
     * @param clients every client in the directory
     */
    public EmergencyLinePager(Function<String, Optional<ClientProfile>> client,
            Supplier<Collection<ClientProfile>> clients, EscalationSink sink, MeterRegistry meters) {
        this.client = client;
        this.clients = clients;
        this.sink = sink;
        this.paged = counter(meters, "paged", "Emergency-line messages paged by ingest before classification");
        this.failed = counter(meters, "failed", "Early pages Kafka did not take (the pipeline still pages them)");
        this.automatic = counter(meters, "automatic",
                "Automatic messages on an emergency line, left to the classifier (RFC 3834 and bulk headers)");
    }

    private static Counter counter(MeterRegistry meters, String outcome, String description) {
        return Counter.builder(METRIC).tag("outcome", outcome).description(description).register(meters);
    }

    @Override
    public void accepted(InboundMessage message, MessageReceived event) {
        EscalationRequested escalation = escalationFor(message, event);
        if (escalation == null) {
            return;
        }
        try {
            sink.publish(escalation);
            paged.increment();
        } catch (RuntimeException e) {
            failed.increment();
            log.warn("Early page {} not written ({}); the classifier's fast lane and the scheduler page it",
                    escalation.getEscalationId(), e.toString());
        }
    }

    /** The early page for a message just written, or null when it is not one ingest pages. */
    @Nullable EscalationRequested escalationFor(InboundMessage message, MessageReceived event) {
        if (event.getDirection() != Direction.INBOUND) {
            return null;
        }
        Optional<ClientProfile> own = client.apply(event.getClientId());
        Collection<ClientProfile> candidates = own.<Collection<ClientProfile>>map(List::of).orElseGet(clients);
        Optional<EmergencyLine> line = PriorityMessages.emergencyLine(event.getFrom(), event.getTo(), candidates);
        if (line.isEmpty()) {
            return null;
        }
        if (automatic(message)) {
            automatic.increment();
            return null;
        }
        String clientName = own.orElse(line.get().client()).getName();
        return EmergencyEscalations.of(event.getClientId(), clientName, event,
                List.of("emergency line " + line.get().line(), PAGED_BY_INGEST), event.getReceivedAt(), null);
    }

    /** Written by a machine, by its own headers (RFC 3834 section 5, and the bulk-mail ones). */
    static boolean automatic(InboundMessage message) {
        String autoSubmitted = keyword(message.header("Auto-Submitted"));
        if (!autoSubmitted.isEmpty() && !autoSubmitted.equals("no")) {
            return true;
        }
        for (String name : List.of("X-Autoreply", "X-Autorespond", "X-Autoresponder")) {
            String value = keyword(message.header(name));
            if (!value.isEmpty() && !value.equals("no")) {
                return true;
            }
        }
        String listId = message.header("List-Id");
        return BULK_PRECEDENCE.contains(keyword(message.header("Precedence"))) || (listId != null && !listId.isBlank());
    }

    /** A header's keyword, lower-cased without parameters; empty for a missing header. */
    private static String keyword(@Nullable String value) {
        return value == null ? "" : value.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    }
}
