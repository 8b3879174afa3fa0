package dev.afterhours.ingest.message;

import dev.afterhours.contracts.Channel;
import dev.afterhours.contracts.Direction;
import java.util.List;
import java.util.Map;

/** Test messages. */
final class Messages {

    private Messages() {
    }

    static InboundMessage inbound(String providerMessageId, String from) {
        return new InboundMessage(Channel.EMAIL, Direction.INBOUND, "postmark", providerMessageId, from,
                List.of("support@agency.example"), "Checkout", "Checkout is broken", null, List.of(), Map.of(), null, null);
    }

    static InboundMessage outbound(String providerMessageId, String from, List<String> to) {
        return new InboundMessage(Channel.EMAIL, Direction.OUTBOUND, "postmark", providerMessageId, from, to,
                "Re: Checkout", "On it", null, List.of(), Map.of(), null, null);
    }

    static InboundMessage withInReplyTo(InboundMessage m, String inReplyTo) {
        return new InboundMessage(m.channel(), m.direction(), m.provider(), m.providerMessageId(), m.from(), m.to(),
                m.subject(), m.body(), m.providerTimestamp(), m.attachments(), m.headers(), m.conversationId(), inReplyTo);
    }

    static InboundMessage withHeaders(InboundMessage m, Map<String, String> headers) {
        return new InboundMessage(m.channel(), m.direction(), m.provider(), m.providerMessageId(), m.from(), m.to(),
                m.subject(), m.body(), m.providerTimestamp(), m.attachments(), headers, m.conversationId(), m.inReplyTo());
    }

    static InboundMessage withConversation(InboundMessage m, String conversationId) {
        return new InboundMessage(m.channel(), m.direction(), m.provider(), m.providerMessageId(), m.from(), m.to(),
                m.subject(), m.body(), m.providerTimestamp(), m.attachments(), m.headers(), conversationId, m.inReplyTo());
    }

    static InboundMessage withSubject(InboundMessage m, String subject) {
        return new InboundMessage(m.channel(), m.direction(), m.provider(), m.providerMessageId(), m.from(), m.to(),
                subject, m.body(), m.providerTimestamp(), m.attachments(), m.headers(), m.conversationId(), m.inReplyTo());
    }
}
