package dev.afterhours.ingest.message;

import dev.afterhours.contracts.Topics;
import java.time.Instant;
import java.util.Optional;

/**
 * An address that a recent message came from (or, for an OUTBOUND one, went to) and that no client has: what an
 * admin may attach to a client. Kept by the {@link ReceivedIndex} for the conversation window.
 *
 * @param kind           what sort of identity it is, and so where in the client's record it goes
 * @param identity       its normal form: a lower-case e-mail address, a phone number without punctuation, or a
 *                       Slack channel id
 * @param provider       who delivered the last message ({@code email}, {@code twilio}, {@code slack}, ...)
 * @param lastSeen       when ingest received the last message
 * @param lastMessageId  that message's id
 * @param conversationId that message's conversation
 */
public record UnresolvedIdentity(Kind kind, String identity, String provider, Instant lastSeen, String lastMessageId,
                                 String conversationId) {

    public enum Kind {
        /** Goes into the client's {@code contacts} as an {@code email}. */
        EMAIL,
        /** Goes into the client's {@code contacts} as a {@code phone}. */
        PHONE,
        /** Goes into the client's {@code slackChannels}. */
        SLACK_CHANNEL
    }

    /** The provider whose provider message ids are {@code <channel>:<ts>} (see the Slack intake). */
    static final String SLACK = "slack";

    /** The identity of an index entry that belongs to no client, or nothing (resolved, or not an address). */
    static Optional<UnresolvedIdentity> of(ReceivedIndex.Entry entry) {
        if (!Topics.UNRESOLVED_CLIENT.equals(entry.clientId())) {
            return Optional.empty();
        }
        if (SLACK.equals(entry.provider())) {
            int colon = entry.providerMessageId().indexOf(':');
            return colon <= 0 ? Optional.empty() : Optional.of(new UnresolvedIdentity(Kind.SLACK_CHANNEL,
                    entry.providerMessageId().substring(0, colon), entry.provider(), entry.receivedAt(),
                    entry.messageId(), entry.conversationId()));
        }
        return kindOf(entry.counterpart()).map(kind -> new UnresolvedIdentity(kind, Addresses.normalise(entry.counterpart()),
                entry.provider(), entry.receivedAt(), entry.messageId(), entry.conversationId()));
    }

    /** EMAIL for an address with an {@code @}, PHONE for digits with an optional leading {@code +}, else nothing. */
    public static Optional<Kind> kindOf(String address) {
        String normal = Addresses.normalise(address);
        if (normal.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            return Optional.of(Kind.EMAIL);
        }
        if (normal.matches("\\+?[0-9]{5,15}")) {
            return Optional.of(Kind.PHONE);
        }
        return Optional.empty();
    }
}
