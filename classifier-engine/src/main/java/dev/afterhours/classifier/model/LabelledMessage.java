package dev.afterhours.classifier.model;

import dev.afterhours.contracts.Channel;
import dev.afterhours.contracts.Direction;
import dev.afterhours.contracts.MessageReceived;
import dev.afterhours.contracts.Urgency;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One line of the corpus: a message as a client wrote it, and what the agency says it is.
 *
 * @param split {@code train}, {@code test} (held out: never seen by training) or {@code examples} (a nearest
 *              labelled example for the second opinion, not a lesson for the word model)
 */
public record LabelledMessage(String id, String language, Channel channel, @Nullable String subject, String body,
                              Map<String, String> headers, Urgency urgency, boolean needsResponse,
                              boolean autoReply, String split, @Nullable String note) {

    public static final String TRAIN = "train";
    public static final String TEST = "test";
    public static final String EXAMPLES = "examples";

    public boolean heldOut() {
        return TEST.equals(split);
    }

    /** Whether the word models learn from it (examples only join the nearest-examples index). */
    public boolean teachesWords() {
        return TRAIN.equals(split);
    }

    /** What kind of answer it wants: the label of the kind model. */
    public Kind kind() {
        return Kind.of(autoReply, needsResponse);
    }

    /** The message as ingest would publish it, for the classifier under evaluation. */
    public MessageReceived toMessage(String clientId, Instant receivedAt) {
        return MessageReceived.newBuilder()
                .setMessageId("corpus-" + id)
                .setClientId(clientId)
                .setConversationId("corpus-" + id)
                .setChannel(channel)
                .setDirection(Direction.INBOUND)
                .setProvider("corpus")
                .setProviderMessageId(id)
                .setFrom("client@corpus.example")
                .setTo(List.of())
                .setSubject(subject)
                .setBody(body)
                .setReceivedAt(receivedAt)
                .setHeaders(Map.copyOf(headers))
                .build();
    }
}
