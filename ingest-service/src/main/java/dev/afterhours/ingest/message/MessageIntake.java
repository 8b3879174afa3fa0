package dev.afterhours.ingest.message;

import dev.afterhours.contracts.MessageReceived;
import dev.afterhours.contracts.Topics;
import dev.afterhours.ingest.message.ReceivedIndex.Accepted;
import dev.afterhours.ingest.message.ReceivedIndex.DedupKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a validated message to a durably published {@code MessageReceived}: drops provider retries, resolves the
 * client, threads the conversation, publishes and remembers. Two identical posts at once are serialised by a
 * per-key lock, so exactly one of them publishes.
 */
public final class MessageIntake {

    private static final Logger log = LoggerFactory.getLogger(MessageIntake.class);

    private final ReceivedIndex index;
    private final ConversationThreader threader;
    private final Function<String, Optional<String>> clientForAddress;
    private final ReceivedMessageSink sink;
    private final Supplier<@Nullable String> notReadyReason;
    private final IngestMetrics metrics;
    private final Backpressure backpressure;
    private final EarlyPage earlyPage;
    private final Clock clock;
    private final KeyedLocks<DedupKey> locks = new KeyedLocks<>();

    /**
     * @param clientForAddress the directory's sender lookup
     * @param notReadyReason   why this instance cannot take messages yet, or null when it can
     */
    public MessageIntake(ReceivedIndex index, ConversationThreader threader,
            Function<String, Optional<String>> clientForAddress, ReceivedMessageSink sink,
            Supplier<@Nullable String> notReadyReason, IngestMetrics metrics, Clock clock) {
        this(index, threader, clientForAddress, sink, notReadyReason, Backpressure.NONE, metrics, clock);
    }

    /**
     * @param backpressure whether a new message may be written now (routine messages wait while the pipeline is
     *                     too far behind)
     */
    public MessageIntake(ReceivedIndex index, ConversationThreader threader,
            Function<String, Optional<String>> clientForAddress, ReceivedMessageSink sink,
            Supplier<@Nullable String> notReadyReason, Backpressure backpressure, IngestMetrics metrics, Clock clock) {
        this(index, threader, clientForAddress, sink, notReadyReason, backpressure, EarlyPage.NONE, metrics, clock);
    }

    /**
     * @param earlyPage what to do with a message just written, before its caller is answered (the early page on an
     *                  emergency line)
     */
    public MessageIntake(ReceivedIndex index, ConversationThreader threader,
            Function<String, Optional<String>> clientForAddress, ReceivedMessageSink sink,
            Supplier<@Nullable String> notReadyReason, Backpressure backpressure, EarlyPage earlyPage,
            IngestMetrics metrics, Clock clock) {
        this.index = index;
        this.threader = threader;
        this.clientForAddress = clientForAddress;
        this.sink = sink;
        this.notReadyReason = notReadyReason;
        this.metrics = metrics;
        this.backpressure = backpressure;
        this.earlyPage = earlyPage;
        this.clock = clock;
    }

    /**
     * @throws NotReadyException      if the directory or the index is still loading
     * @throws PublishFailedException if the event could not be written
     */
    public IntakeResult ingest(InboundMessage message) {
        return ingest(message, clientId -> true);
    }

    /**
     * @param mayPostFor whether the caller may post for the client the message resolves to (an API key limited to
     *                   some clients); checked before anything is written
     * @throws ClientNotAllowedException if it may not
     * @throws PipelineBehindException   if the message is new, routine, and the pipeline is too far behind
     */
    public IntakeResult ingest(InboundMessage message, Predicate<String> mayPostFor) {
        return ingest(message, mayPostFor, () -> ClientResolution.resolve(message.direction(), message.from(),
                message.to(), clientForAddress));
    }

    /**
     * A message from a sender that never sends a refused message again (Twilio does not retry a webhook answered
     * 429): backpressure does not apply, since refusing would lose it; Kafka holds it until the pipeline catches up.
     * Only for what such a sender posted itself (a verified signature), never for a caller's word about it.
     *
     * @param clientId the client, when known from where the message arrived rather than from who sent it (a call or
     *                 text to one of the client's own phone lines; the sender is still the counterpart it is
     *                 threaded by); else the message is resolved from its sender as usual
     * @see #ingest(InboundMessage, Predicate) for the other failures
     */
    public IntakeResult ingestFromSenderThatDoesNotRetry(InboundMessage message, Optional<String> clientId) {
        Supplier<ClientResolution> resolver = clientId.<Supplier<ClientResolution>>map(
                        id -> () -> new ClientResolution(id, counterpart(message)))
                .orElse(() -> ClientResolution.resolve(message.direction(), message.from(), message.to(), clientForAddress));
        return ingest(message, any -> true, resolver, false);
    }

    /** The external party: the sender of an INBOUND message, the first recipient of an OUTBOUND one. */
    private static String counterpart(InboundMessage message) {
        return message.direction() == dev.afterhours.contracts.Direction.OUTBOUND && !message.to().isEmpty()
                ? message.to().getFirst() : message.from();
    }

    /**
     * A routine message whose client is known from where it arrived (the client's own web form), not from who sent
     * it: the sender is still the counterpart it is threaded by, and any stranger may use the door, so backpressure
     * applies as to every routine message.
     *
     * @see #ingest(InboundMessage, Predicate) for the failures
     */
    public IntakeResult ingestForClient(InboundMessage message, String clientId) {
        return ingest(message, any -> true, () -> new ClientResolution(clientId, message.from()), true);
    }

    private IntakeResult ingest(InboundMessage message, Predicate<String> mayPostFor,
            Supplier<ClientResolution> resolver) {
        return ingest(message, mayPostFor, resolver, true);
    }

    private IntakeResult ingest(InboundMessage message, Predicate<String> mayPostFor,
            Supplier<ClientResolution> resolver, boolean senderRetries) {
        String notReady = notReadyReason.get();
        if (notReady != null) {
            metrics.message(message.channel(), message.direction(), IngestMetrics.Outcome.FAILED, false);
            throw new NotReadyException(notReady);
        }
        DedupKey key = new DedupKey(message.provider(), message.providerMessageId());
        return locks.withLock(key, () -> ingestLocked(message, key, mayPostFor, resolver, senderRetries));
    }

    private IntakeResult ingestLocked(InboundMessage message, DedupKey key, Predicate<String> mayPostFor,
            Supplier<ClientResolution> resolver, boolean senderRetries) {
        Optional<Accepted> earlier = index.find(key);
        if (earlier.isPresent()) {
            Accepted original = earlier.get();
            if (!mayPostFor.test(original.clientId())) {
                throw new ClientNotAllowedException(original.clientId());
            }
            metrics.message(message.channel(), message.direction(), IngestMetrics.Outcome.DUPLICATE,
                    !Topics.UNRESOLVED_CLIENT.equals(original.clientId()));
            return new IntakeResult(original.messageId(), original.clientId(), original.conversationId(),
                    IntakeResult.Status.DUPLICATE);
        }
        // After the duplicate check: a retry of what was already taken costs the pipeline nothing, and its caller
        // should hear the original ids rather than be told to wait.
        PipelineBehindException behind = senderRetries ? backpressure.refusal(message) : null;
        if (behind != null) {
            metrics.message(message.channel(), message.direction(), IngestMetrics.Outcome.THROTTLED, false);
            throw behind;
        }
        String messageId = MessageIds.messageId(message.provider(), message.providerMessageId());
        // Avro keeps milliseconds; the index should hold exactly what the topic will.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        ClientResolution resolution = resolver.get();
        ConversationThreader.Decision thread = threader.decide(message, messageId, resolution, now);
        if (!mayPostFor.test(thread.clientId())) {
            metrics.message(message.channel(), message.direction(), IngestMetrics.Outcome.REJECTED, true);
            throw new ClientNotAllowedException(thread.clientId());
        }
        MessageReceived event = toEvent(message, messageId, thread, now);
        boolean resolved = !Topics.UNRESOLVED_CLIENT.equals(thread.clientId());

        long started = System.nanoTime();
        try {
            sink.publish(event, resolution.counterpart());
        } catch (PublishFailedException e) {
            metrics.publish(Duration.ofNanos(System.nanoTime() - started), false);
            metrics.message(message.channel(), message.direction(), IngestMetrics.Outcome.FAILED, resolved);
            throw e;
        }
        metrics.publish(Duration.ofNanos(System.nanoTime() - started), true);
        index.add(new ReceivedIndex.Entry(message.provider(), message.providerMessageId(), messageId,
                thread.clientId(), thread.conversationId(), resolution.counterpart(), now,
                Subjects.topic(message.channel(), message.subject())));
        ReplyRoute.of(event).ifPresent(index::addRoute);
        metrics.message(message.channel(), message.direction(), IngestMetrics.Outcome.ACCEPTED, resolved);
        // Still under the key's lock: a retry arriving meanwhile waits, then finds the message and pages nothing.
        earlyPage.accepted(message, event);
        if (!resolved) {
            log.info("Accepted message {} from unresolved sender {} for triage", messageId, message.from());
        }
        return new IntakeResult(messageId, thread.clientId(), thread.conversationId(), IntakeResult.Status.ACCEPTED);
    }

    static MessageReceived toEvent(InboundMessage message, String messageId, ConversationThreader.Decision thread,
            Instant receivedAt) {
        Map<String, String> headers = new LinkedHashMap<>(message.headers());
        if (message.inReplyTo() != null && message.header("In-Reply-To") == null) {
            // Downstream (reply detection) reads the standard header, whichever way the integration said it.
            headers.put("In-Reply-To", message.inReplyTo());
        }
        return MessageReceived.newBuilder()
                .setMessageId(messageId)
                .setClientId(thread.clientId())
                .setConversationId(thread.conversationId())
                .setChannel(message.channel())
                .setDirection(message.direction())
                .setProvider(message.provider())
                .setProviderMessageId(message.providerMessageId())
                .setFrom(message.from())
                .setTo(message.to())
                .setSubject(message.subject())
                .setBody(message.body())
                .setReceivedAt(receivedAt)
                .setProviderTimestamp(message.providerTimestamp())
                .setAttachments(message.attachments())
                .setHeaders(headers)
                .build();
    }
}
