package dev.afterhours.ingest.reply;

import dev.afterhours.contracts.Channel;
import dev.afterhours.contracts.Direction;
import dev.afterhours.contracts.MessageReceived;
import dev.afterhours.contracts.ReplyRequested;
import dev.afterhours.ingest.message.ClientNotAllowedException;
import dev.afterhours.ingest.message.MessageIds;
import dev.afterhours.ingest.message.NotReadyException;
import dev.afterhours.ingest.message.ReceivedIndex;
import dev.afterhours.ingest.message.ReplyRoute;
import dev.afterhours.ingest.message.StaffIdentities;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A staff member's reply to a conversation, on its way out: routed back the way the conversation's latest inbound
 * message came in ({@link ReplyRoute}), with the OUTBOUND message it becomes once sent built here (threaded into the
 * conversation, as ingest threads everything), and handed to the notifier on the replies topic. Nothing is recorded
 * OUTBOUND here: the SLA clock stops only when the notifier has really sent it.
 */
public final class StaffReplies {

    /** The provider of the OUTBOUND messages of replies: the reply id is their provider message id. */
    public static final String PROVIDER = "afterhours";
    /** Carries the reply id on the OUTBOUND message. */
    public static final String REPLY_ID_HEADER = "x-afterhours-reply-id";
    /** Twilio's limit on one message's body, however many segments. */
    static final int MAX_TEXT_MESSAGE = 1600;
    /** RFC 5322's limit on a header line, which a subject must fit. */
    static final int MAX_SUBJECT = 998;

    /** A reply accepted for sending. */
    public record Requested(String replyId, String clientId, String conversationId, Channel channel, String to) {
    }

    /** No inbound message of a client in the conversation within the window: nobody to answer. 404. */
    public static final class UnknownConversationException extends RuntimeException {
        public UnknownConversationException(String message) {
            super(message);
        }
    }

    /** The reply cannot be sent as written; names the field. 400, or 409 for a conversation no reply can go back to. */
    public static final class InvalidReplyException extends RuntimeException {
        private final String field;
        private final boolean conflict;

        InvalidReplyException(String field, String message, boolean conflict) {
            super(message);
            this.field = field;
            this.conflict = conflict;
        }

        public String field() {
            return field;
        }

        /** True when the request is right but the conversation cannot take a reply (its client wrote through the API). */
        public boolean conflict() {
            return conflict;
        }
    }

    private final ReceivedIndex index;
    private final ReplySink sink;
    private final Supplier<@Nullable String> notReadyReason;
    private final Duration conversationWindow;
    private final int maxTextLength;
    private final Clock clock;

    /**
     * @param notReadyReason     why this instance cannot route replies yet (the index is being rebuilt), or null
     * @param conversationWindow how far back the index remembers conversations (said in the 404)
     */
    public StaffReplies(ReceivedIndex index, ReplySink sink, Supplier<@Nullable String> notReadyReason,
            Duration conversationWindow, int maxTextLength, Clock clock) {
        this.index = index;
        this.sink = sink;
        this.notReadyReason = notReadyReason;
        this.conversationWindow = conversationWindow;
        this.maxTextLength = maxTextLength;
        this.clock = clock;
    }

    /**
     * @param requestedBy    who writes: the staff member's id, or the API key's
     * @param idempotencyKey the caller's key for this reply: the same key from the same caller gives the same reply
     *                       id, so a retried request is never sent twice; null for a new reply every time
     * @param mayReplyFor    whether the caller may reply for the conversation's client (a key limited to some clients)
     * @throws NotReadyException            if the index is still being rebuilt
     * @throws UnknownConversationException if no client message of the conversation is known
     * @throws InvalidReplyException        if the text or subject cannot be sent, or the channel takes no reply
     * @throws ClientNotAllowedException    if the caller may not reply for the client
     * @throws dev.afterhours.ingest.message.PublishFailedException if the request could not be written
     */
    public Requested reply(String conversationId, String text, @Nullable String subject, String requestedBy,
            @Nullable String idempotencyKey, Predicate<String> mayReplyFor) {
        String notReady = notReadyReason.get();
        if (notReady != null) {
            throw new NotReadyException(notReady);
        }
        ReplyRoute route = index.replyRoute(conversationId).orElseThrow(() -> new UnknownConversationException(
                "no message from a client in conversation '" + conversationId + "' within the last "
                        + conversationWindow + ": nobody to reply to"));
        if (!mayReplyFor.test(route.clientId())) {
            throw new ClientNotAllowedException(route.clientId());
        }
        validate(route, text, subject);
        String replyId = replyId(requestedBy, idempotencyKey);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String replySubject = takesSubject(route) ? subject(subject, route.subject()) : null;
        String inReplyTo = route.emailMessageId() != null ? route.emailMessageId() : route.providerMessageId();
        sink.publish(ReplyRequested.newBuilder()
                .setReplyId(replyId)
                .setClientId(route.clientId())
                .setConversationId(route.conversationId())
                .setInReplyToMessageId(route.messageId())
                .setChannel(route.channel())
                .setTo(route.counterpart())
                .setVia(route.via())
                .setThread(route.slackThread())
                .setInReplyTo(route.emailMessageId())
                .setSubject(replySubject)
                .setText(text)
                .setRequestedBy(requestedBy)
                .setRequestedAt(now)
                .setReply(outbound(route, replyId, text, replySubject, requestedBy, inReplyTo, now))
                .build());
        return new Requested(replyId, route.clientId(), route.conversationId(), route.channel(), route.counterpart());
    }

    private void validate(ReplyRoute route, String text, @Nullable String subject) {
        if (route.channel() == Channel.API) {
            throw new InvalidReplyException("conversationId", "the client wrote through an integration (channel API), "
                    + "which takes no reply from here: answer in that system", true);
        }
        if (text.isBlank()) {
            throw new InvalidReplyException("text", "must not be empty", false);
        }
        if (text.length() > maxTextLength) {
            throw new InvalidReplyException("text", "at most " + maxTextLength + " characters, was " + text.length(), false);
        }
        if (byText(route) && text.length() > MAX_TEXT_MESSAGE) {
            throw new InvalidReplyException("text", "the client is answered by text message (" + route.channel()
                    + "), which holds at most " + MAX_TEXT_MESSAGE + " characters, was " + text.length(), false);
        }
        if (subject != null && (subject.contains("\r") || subject.contains("\n") || subject.length() > MAX_SUBJECT)) {
            throw new InvalidReplyException("subject", "one line of at most " + MAX_SUBJECT + " characters", false);
        }
    }

    /** Answered by a text message: a text or call, or a web form whose sender left a number. */
    private static boolean byText(ReplyRoute route) {
        return route.channel() == Channel.SMS || route.channel() == Channel.VOICE
                || (route.channel() == Channel.WEBFORM && !route.counterpart().contains("@"));
    }

    /** Answered by mail: an e-mail, or a web form whose sender left an address. */
    private static boolean takesSubject(ReplyRoute route) {
        return route.channel() == Channel.EMAIL || (route.channel() == Channel.WEBFORM && route.counterpart().contains("@"));
    }

    /** The staff member's subject, else "Re: " the client's (once), else none (the notifier's default). */
    static @Nullable String subject(@Nullable String given, @Nullable String original) {
        if (given != null && !given.isBlank()) {
            return given.strip();
        }
        if (original == null || original.isBlank()) {
            return null;
        }
        String stripped = original.strip();
        return stripped.toLowerCase(Locale.ROOT).startsWith("re:") ? stripped : "Re: " + stripped;
    }

    static String replyId(String requestedBy, @Nullable String idempotencyKey) {
        if (idempotencyKey == null || idempotencyKey.isBlank()) {
            return UUID.randomUUID().toString();
        }
        // The length prefix keeps ("a:b", "c") and ("a", "b:c") apart.
        String name = "afterhours.reply:" + requestedBy.length() + ":" + requestedBy + ":" + idempotencyKey.strip();
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** The reply as it is recorded once sent: OUTBOUND from where the client wrote to, to the client, in the conversation. */
    private static MessageReceived outbound(ReplyRoute route, String replyId, String text, @Nullable String subject,
            String requestedBy, String inReplyTo, Instant now) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(StaffIdentities.STAFF_ID, requestedBy);
        headers.put("In-Reply-To", inReplyTo);
        headers.put(REPLY_ID_HEADER, replyId);
        return MessageReceived.newBuilder()
                .setMessageId(MessageIds.messageId(PROVIDER, replyId))
                .setClientId(route.clientId())
                .setConversationId(route.conversationId())
                .setChannel(route.channel())
                .setDirection(Direction.OUTBOUND)
                .setProvider(PROVIDER)
                .setProviderMessageId(replyId)
                .setFrom(route.via() != null ? route.via() : PROVIDER)
                .setTo(List.of(route.counterpart()))
                .setSubject(subject)
                .setBody(text)
                .setReceivedAt(now)
                .setHeaders(headers)
                .build();
    }
}
