package dev.afterhours.ingest.message;

import dev.afterhours.contracts.Channel;
import dev.afterhours.ingest.message.ReceivedIndex.ConversationRef;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Puts a message into a conversation, in this order:
 * <ol>
 *   <li>an explicit {@code conversationId} from the integration wins;</li>
 *   <li>a reply ({@code inReplyTo}, or the In-Reply-To / References headers) to a message we know joins that
 *       message's conversation, provided it belongs to the same client (an unresolved message adopts the client
 *       of the conversation it answers: a reply to a client's thread is about that client);</li>
 *   <li>for an email, the most recent conversation between this client and the same counterpart on the same topic
 *       (the subject without Re:/Fwd:/AW:/WG: prefixes, see {@link Subjects}) within the window, so a reply whose
 *       mail program dropped In-Reply-To finds its thread even when the counterpart has several open;</li>
 *   <li>the most recent conversation between this client and the same counterpart within the window (the
 *       channel's own window where one is set: SMS threads by the phone-number pair within a day or so);</li>
 *   <li>otherwise a new conversation, whose id is the message's own id (deterministic, like the message id).</li>
 * </ol>
 */
public final class ConversationThreader {

    public enum Reason { EXPLICIT, REPLY, SUBJECT, RECENT, NEW }

    public record Decision(String conversationId, String clientId, Reason reason) {
    }

    private final ReceivedIndex index;
    private final Duration window;
    private final Map<Channel, Duration> channelWindows;

    public ConversationThreader(ReceivedIndex index, Duration window) {
        this(index, window, Map.of());
    }

    /**
     * @param channelWindows a window of its own for some channels: a text exchange goes quiet much sooner than a
     *                       mail thread, so an SMS a day later is a new matter
     */
    public ConversationThreader(ReceivedIndex index, Duration window, Map<Channel, Duration> channelWindows) {
        this.index = index;
        this.window = window;
        this.channelWindows = Map.copyOf(channelWindows);
    }

    public Decision decide(InboundMessage message, String messageId, ClientResolution resolution, Instant now) {
        String clientId = resolution.clientId();
        if (message.conversationId() != null) {
            return new Decision(message.conversationId(), clientId, Reason.EXPLICIT);
        }
        for (String reference : references(message)) {
            Optional<ConversationRef> answered = index.conversationOf(message.provider(), reference);
            if (answered.isPresent()) {
                ConversationRef ref = answered.get();
                if (!resolution.resolved() || ref.clientId().equals(clientId)) {
                    return new Decision(ref.conversationId(), resolution.resolved() ? clientId : ref.clientId(), Reason.REPLY);
                }
            }
        }
        Duration window = channelWindows.getOrDefault(message.channel(), this.window);
        String topic = Subjects.topic(message.channel(), message.subject());
        if (topic != null) {
            Optional<ConversationRef> onTopic = index.latestConversation(clientId, resolution.counterpart(), topic);
            if (onTopic.isPresent() && !onTopic.get().at().isBefore(now.minus(window))) {
                return new Decision(onTopic.get().conversationId(), clientId, Reason.SUBJECT);
            }
        }
        Optional<ConversationRef> recent = index.latestConversation(clientId, resolution.counterpart());
        if (recent.isPresent() && !recent.get().at().isBefore(now.minus(window))) {
            return new Decision(recent.get().conversationId(), clientId, Reason.RECENT);
        }
        return new Decision(messageId, clientId, Reason.NEW);
    }

    /**
     * The messages this one answers, nearest first: {@code inReplyTo}, the In-Reply-To header, then the
     * References header from its last (the direct parent) to its first (the thread's root).
     */
    static List<String> references(InboundMessage message) {
        List<String> references = new ArrayList<>();
        if (message.inReplyTo() != null) {
            references.add(message.inReplyTo());
        }
        String inReplyToHeader = message.header("In-Reply-To");
        if (inReplyToHeader != null && !inReplyToHeader.isBlank()) {
            references.add(inReplyToHeader);
        }
        String referencesHeader = message.header("References");
        if (referencesHeader != null && !referencesHeader.isBlank()) {
            List<String> ids = List.of(referencesHeader.trim().split("\\s+"));
            references.addAll(ids.reversed());
        }
        return references;
    }
}
