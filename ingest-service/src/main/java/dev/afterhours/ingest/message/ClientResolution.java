package dev.afterhours.ingest.message;

import dev.afterhours.contracts.Direction;
import dev.afterhours.contracts.Topics;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Which client a message is about, and who the external party is.
 *
 * @param clientId    the resolved client, or {@link Topics#UNRESOLVED_CLIENT}
 * @param counterpart the external party's address: the sender of an INBOUND message, the (resolved) recipient of
 *                    an OUTBOUND one; conversations are threaded per client and counterpart
 */
public record ClientResolution(String clientId, String counterpart) {

    public boolean resolved() {
        return !Topics.UNRESOLVED_CLIENT.equals(clientId);
    }

    /**
     * INBOUND resolves the sender; OUTBOUND the first recipient that belongs to a client. No match gives
     * {@code unresolved}, with the sender (INBOUND) or the first recipient (OUTBOUND) as counterpart.
     *
     * @param clientForAddress the directory's sender lookup
     */
    public static ClientResolution resolve(Direction direction, String from, List<String> to,
            Function<String, Optional<String>> clientForAddress) {
        if (direction == Direction.INBOUND) {
            return new ClientResolution(clientForAddress.apply(from).orElse(Topics.UNRESOLVED_CLIENT), from);
        }
        for (String recipient : to) {
            Optional<String> client = clientForAddress.apply(recipient);
            if (client.isPresent()) {
                return new ClientResolution(client.get(), recipient);
            }
        }
        return new ClientResolution(Topics.UNRESOLVED_CLIENT, to.isEmpty() ? from : to.getFirst());
    }
}
