package dev.afterhours.ingest.message;

import dev.afterhours.contracts.Channel;
import dev.afterhours.contracts.Direction;
import dev.afterhours.contracts.MessageReceived;
import dev.afterhours.contracts.Topics;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * How a staff reply reaches the client of a conversation: back the way the conversation's latest inbound message
 * came in.
 *
 * @param messageId         our id of that message
 * @param providerMessageId its provider's id (an e-mail's Message-ID)
 * @param counterpart       the client's address the message came from: e-mail address, phone number, Slack user,
 *                          the contact a web form's sender left
 * @param via               where it came in: the agency address or number written to, the Slack channel id; null
 *                          if the message named none
 * @param emailMessageId    the e-mail's Message-ID header, which the reply's In-Reply-To names; null elsewhere
 * @param slackThread       the Slack thread the message belongs to (its thread_ts); null elsewhere
 */
public record ReplyRoute(String messageId, String providerMessageId, String clientId, String conversationId,
                         Channel channel, String counterpart, @Nullable String via, @Nullable String subject,
                         @Nullable String emailMessageId, @Nullable String slackThread, Instant at) {

    /** Ingest's Slack intake records the thread a message belongs to under this header. */
    public static final String SLACK_THREAD_TS = "x-afterhours-slack-thread-ts";

    /** The route back to the sender of an inbound message of a known client; empty for anything else. */
    public static Optional<ReplyRoute> of(MessageReceived message) {
        if (message.getDirection() != Direction.INBOUND || Topics.UNRESOLVED_CLIENT.equals(message.getClientId())) {
            return Optional.empty();
        }
        String via = message.getTo().stream().filter(to -> !to.isBlank()).map(String::strip).findFirst().orElse(null);
        return Optional.of(new ReplyRoute(message.getMessageId(), message.getProviderMessageId(), message.getClientId(),
                message.getConversationId(), message.getChannel(), message.getFrom().strip(), via, message.getSubject(),
                message.getChannel() == Channel.EMAIL ? header(message, "Message-ID") : null,
                message.getChannel() == Channel.CHAT ? header(message, SLACK_THREAD_TS) : null,
                message.getReceivedAt()));
    }

    /** A recorded header by name, whatever its case; null if absent or blank. */
    private static @Nullable String header(MessageReceived message, String name) {
        return message.getHeaders().entrySet().stream()
                .filter(h -> h.getKey().equalsIgnoreCase(name) && h.getValue() != null && !h.getValue().isBlank())
                .map(h -> h.getValue().strip()).findFirst().orElse(null);
    }
}
