package dev.afterhours.ingest.backpressure;

import dev.afterhours.contracts.ClientProfile;
import dev.afterhours.directory.DirectoryView;
import dev.afterhours.ingest.message.InboundMessage;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The messages backpressure never refuses: those on a client's emergency line ({@code from} or any of {@code to}
 * is one of a client's {@code emergencyLines}), and those the caller marks urgent with the message header
 * {@code Priority: urgent} (the value RFC 4021 gives mail's {@code Priority} header).
 *
 * <p>The mark is the posting integration's word: any caller allowed to post can use it, so it is for integrations
 * that know (a monitoring tool's critical alert, a phone system's emergency menu). Mail never carries it: the email
 * parser keeps no {@code Priority} header, since any stranger can write one.
 */
public final class PriorityMessages {

    public static final String URGENT_HEADER = "Priority";
    public static final String URGENT_VALUE = "urgent";

    private PriorityMessages() {
    }

    /** Why the message is always taken ("emergency line ...", "marked urgent"), or empty for a routine message. */
    public static Optional<String> why(InboundMessage message, Collection<ClientProfile> clients) {
        String priority = message.header(URGENT_HEADER);
        if (priority != null && URGENT_VALUE.equalsIgnoreCase(priority.strip())) {
            return Optional.of("marked urgent");
        }
        return emergencyLine(message.from(), message.to(), clients)
                .map(used -> "emergency line " + used.line() + " of " + used.client().getClientId());
    }

    /** One of a client's emergency lines, as the directory spells it (stripped), and the client it belongs to. */
    public record EmergencyLine(String line, ClientProfile client) {
    }

    /**
     * The first of these clients' emergency lines that {@code from} or any of {@code to} is, compared as the
     * directory compares addresses (case, display names and phone punctuation ignored).
     */
    public static Optional<EmergencyLine> emergencyLine(String from, List<String> to,
            Collection<ClientProfile> clients) {
        for (ClientProfile client : clients) {
            for (String line : client.getEmergencyLines()) {
                String wanted = DirectoryView.normalise(line);
                boolean used = Stream.concat(Stream.of(from), to.stream())
                        .anyMatch(address -> DirectoryView.normalise(address).equals(wanted));
                if (used) {
                    return Optional.of(new EmergencyLine(line.strip(), client));
                }
            }
        }
        return Optional.empty();
    }
}
