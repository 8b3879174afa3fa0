package dev.afterhours.scheduler.sla;

import dev.afterhours.contracts.Channel;
import dev.afterhours.contracts.MessageReceived;
import org.jspecify.annotations.Nullable;

/**
 * Where an automatic message to the client goes, taken from the client's message as ingest recorded it: the channel it
 * came in on, the sender to answer, the subject and Message-ID to thread an e-mail with, the agency's line or Slack
 * channel it came in by ({@code via}) and the Slack thread. The acknowledgement and the update sent when the SLA is
 * breached are both addressed from it, so both go back the same way.
 */
public record ReplyTo(Channel channel, String to, @Nullable String subject, @Nullable String inReplyTo,
                      @Nullable String via, @Nullable String thread) {

    /** Ingest's Slack intake records the thread a message belongs to under this header. */
    public static final String SLACK_THREAD_TS = "x-afterhours-slack-thread-ts";

    public static ReplyTo of(MessageReceived message) {
        return new ReplyTo(message.getChannel(), message.getFrom(), message.getSubject(), header(message, "Message-ID"),
                via(message), message.getChannel() == Channel.CHAT ? header(message, SLACK_THREAD_TS) : null);
    }

    /**
     * Where the message came in, as ingest recorded it in {@code to}: the agency's number the client texted or called
     * (one of its phoneLines or emergencyLines), the Slack channel. Null for e-mail, web forms and the API: the
     * notifier's own address answers those.
     */
    private static @Nullable String via(MessageReceived message) {
        return switch (message.getChannel()) {
            case SMS, VOICE, CHAT -> message.getTo().stream().filter(to -> !to.isBlank()).map(String::strip)
                    .findFirst().orElse(null);
            default -> null;
        };
    }

    /** A recorded header by name, whatever its case (providers spell Message-ID several ways); null if absent or blank. */
    private static @Nullable String header(MessageReceived message, String name) {
        return message.getHeaders().entrySet().stream()
                .filter(h -> h.getKey().equalsIgnoreCase(name) && h.getValue() != null && !h.getValue().isBlank())
                .map(h -> h.getValue().trim()).findFirst().orElse(null);
    }
}
