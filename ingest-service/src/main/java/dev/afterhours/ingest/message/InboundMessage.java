package dev.afterhours.ingest.message;

import dev.afterhours.contracts.Attachment;
import dev.afterhours.contracts.Channel;
import dev.afterhours.contracts.Direction;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A message as an integration posted it, already validated: required fields present, defaults applied. */
public record InboundMessage(
        Channel channel,
        Direction direction,
        String provider,
        String providerMessageId,
        String from,
        List<String> to,
        @Nullable String subject,
        String body,
        @Nullable Instant providerTimestamp,
        List<Attachment> attachments,
        Map<String, String> headers,
        @Nullable String conversationId,
        @Nullable String inReplyTo) {

    public InboundMessage {
        to = List.copyOf(to);
        attachments = List.copyOf(attachments);
        headers = Map.copyOf(headers);
    }

    /** This message as a staff member's reply: OUTBOUND, with {@link StaffIdentities#STAFF_ID} naming who wrote it. */
    public InboundMessage asStaffReply(String staffId) {
        Map<String, String> withStaff = new java.util.LinkedHashMap<>(headers);
        withStaff.put(StaffIdentities.STAFF_ID, staffId);
        return new InboundMessage(channel, Direction.OUTBOUND, provider, providerMessageId, from, to, subject, body,
                providerTimestamp, attachments, withStaff, conversationId, inReplyTo);
    }

    /** The value of a header, matched case-insensitively as mail and HTTP headers are. */
    public @Nullable String header(String name) {
        for (Map.Entry<String, String> header : headers.entrySet()) {
            if (header.getKey().equalsIgnoreCase(name)) {
                return header.getValue();
            }
        }
        return null;
    }
}
