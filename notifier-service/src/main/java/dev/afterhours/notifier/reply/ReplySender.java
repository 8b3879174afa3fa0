package dev.afterhours.notifier.reply;

import dev.afterhours.contracts.ClientProfile;
import dev.afterhours.contracts.MessageReceived;
import dev.afterhours.contracts.ReplyOutcome;
import dev.afterhours.contracts.ReplyRecorded;
import dev.afterhours.contracts.ReplyRequested;
import dev.afterhours.contracts.Topics;
import dev.afterhours.directory.DirectoryView;
import dev.afterhours.notifier.clientchannel.ClientChannels;
import dev.afterhours.notifier.delivery.DeliveryResult;
import dev.afterhours.notifier.delivery.SlackPoster;
import dev.afterhours.notifier.ledger.RecordingFailedException;
import dev.afterhours.notifier.reply.ReplyMetrics.Outcome;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.specific.SpecificRecord;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaOperations;

/**
 * Sends a staff member's reply to the client on the channel of the client's message ({@link ClientChannels}), at most
 * once per {@code replyId}, and records it OUTBOUND only once it was really sent:
 *
 * <ol>
 *   <li>a reply with any outcome on {@code afterhours.notifier.replies.v1} (an intent without an outcome included)
 *       is never sent again, whether it comes back as a redelivery, after a restart or on another instance;</li>
 *   <li>the intent ({@code ATTEMPTED}) is written, and acknowledged by the broker, before the provider is called;</li>
 *   <li>once the provider took it, {@code SENT} and the OUTBOUND {@code MessageReceived} ingest built are written
 *       in one Kafka transaction: the SLA clock stops (the scheduler reads the received topic) exactly when the
 *       reply's status says sent, never for a reply that failed;</li>
 *   <li>a failed send is recorded {@code FAILED}, with the provider's error; nothing is published, the SLA keeps
 *       running.</li>
 * </ol>
 */
public class ReplySender {

    /** Carries the reply id, so a mail can be traced to its reply. */
    public static final String REPLY_ID_HEADER = "X-Afterhours-Reply-Id";
    static final String DEFAULT_SUBJECT = "Re: your message";

    private static final Logger log = LoggerFactory.getLogger(ReplySender.class);

    private final DirectoryView directory;
    private final ClientChannels channels;
    private final KafkaOperations<String, SpecificRecord> kafka;
    private final KafkaOperations<String, SpecificRecord> transactions;
    private final ReplyLedger ledger;
    private final ReplyMetrics metrics;
    private final String mailFrom;
    private final Clock clock;
    /** Replies this instance delivered whose SENT could not be written yet: a retry writes it, and sends nothing. */
    private final Set<String> deliveredNotRecorded = ConcurrentHashMap.newKeySet();

    /**
     * @param kafka        writes the intent and the failures (idempotent, acks=all)
     * @param transactions writes SENT with the OUTBOUND message (transactional)
     * @param mailFrom     the agency address mail replies come from (the acknowledgements' address)
     */
    public ReplySender(DirectoryView directory, ClientChannels channels, KafkaOperations<String, SpecificRecord> kafka,
            KafkaOperations<String, SpecificRecord> transactions, ReplyLedger ledger, ReplyMetrics metrics,
            String mailFrom, Clock clock) {
        this.directory = directory;
        this.channels = channels;
        this.kafka = kafka;
        this.transactions = transactions;
        this.ledger = ledger;
        this.metrics = metrics;
        this.mailFrom = mailFrom;
        this.clock = clock;
    }

    /**
     * @throws RecordingFailedException if an outcome could not be written; the record is then retried, and the
     *                                  ledger keeps it from being sent twice
     */
    public void handle(ReplyRequested request) {
        String replyId = request.getReplyId();
        ReplyRecorded prior = ledger.latest(replyId);
        if (prior != null) {
            if (prior.getOutcome() == ReplyOutcome.ATTEMPTED && deliveredNotRecorded.contains(replyId)) {
                recordSent(request);
                return;
            }
            log.debug("Reply {} already handled ({}): not sent again", replyId, prior.getOutcome());
            metrics.count(request.getChannel(),
                    prior.getOutcome() == ReplyOutcome.ATTEMPTED ? Outcome.UNKNOWN : Outcome.DUPLICATE);
            return;
        }
        ClientProfile client = directory.client(request.getClientId()).orElse(null);
        ClientChannels.Send send = channels.plan(new ClientChannels.Route(request.getChannel(), request.getTo(),
                request.getVia(), request.getThread()), client, wording(request), mailFrom, replyId);
        if (send == null) {
            String why = "replies on " + request.getChannel() + " to '" + request.getTo() + "' cannot be sent here "
                    + "(provider not configured, or no address that can take it)";
            log.warn("Reply {} not sent: {}", replyId, why);
            record(request, ReplyOutcome.UNSUPPORTED_CHANNEL, why);
            metrics.count(request.getChannel(), Outcome.UNSUPPORTED_CHANNEL);
            return;
        }
        record(request, ReplyOutcome.ATTEMPTED, null);
        switch (send.deliver()) {
            case DeliveryResult.Delivered d -> {
                deliveredNotRecorded.add(replyId);
                recordSent(request);
            }
            case DeliveryResult.Failed f -> {
                log.warn("Reply {} to {} on {} failed after {} attempts: {}", replyId, request.getTo(),
                        request.getChannel(), f.attempts(), f.error());
                record(request, ReplyOutcome.FAILED, f.error());
                metrics.count(request.getChannel(), Outcome.FAILED);
            }
        }
    }

    /** The staff member's text as written; mail threaded to the client's and, a person having written it, not marked automatic. */
    static ClientChannels.Wording wording(ReplyRequested request) {
        Map<String, String> headers = new LinkedHashMap<>();
        String original = ClientChannels.messageId(request.getInReplyTo());
        if (original != null) {
            headers.put("In-Reply-To", original);
            headers.put("References", original);
        }
        headers.put(REPLY_ID_HEADER, request.getReplyId());
        String subject = request.getSubject() == null || request.getSubject().isBlank() ? DEFAULT_SUBJECT
                : request.getSubject().strip();
        return new ClientChannels.Wording(subject, request.getText(), headers, request.getText(),
                SlackPoster.escape(request.getText()));
    }

    /** SENT and the OUTBOUND message, together or not at all; the message says when it really went out. */
    private void recordSent(ReplyRequested request) {
        MessageReceived reply = MessageReceived.newBuilder(request.getReply())
                .setReceivedAt(clock.instant().truncatedTo(ChronoUnit.MILLIS)).build();
        ReplyRecorded sent = recorded(request, ReplyOutcome.SENT, null);
        sent.setMessageId(reply.getMessageId());
        try {
            transactions.executeInTransaction(tx -> {
                tx.send(Topics.NOTIFIER_REPLIES.name(), request.getReplyId(), sent);
                tx.send(Topics.MESSAGES_RECEIVED.name(), reply.getClientId(), reply);
                return null;
            });
        } catch (RuntimeException e) {
            throw new RecordingFailedException("Reply " + request.getReplyId() + " was sent, but recording it failed "
                    + "(retried without sending again): " + e, e);
        }
        ledger.apply(sent);
        deliveredNotRecorded.remove(request.getReplyId());
        metrics.count(request.getChannel(), Outcome.SENT);
    }

    private void record(ReplyRequested request, ReplyOutcome outcome, @Nullable String error) {
        ledger.record(kafka, Topics.NOTIFIER_REPLIES.name(), recorded(request, outcome, error));
    }

    private ReplyRecorded recorded(ReplyRequested request, ReplyOutcome outcome, @Nullable String error) {
        return ReplyRecorded.newBuilder()
                .setReplyId(request.getReplyId())
                .setClientId(request.getClientId())
                .setConversationId(request.getConversationId())
                .setChannel(request.getChannel())
                .setTo(request.getTo())
                .setOutcome(outcome)
                .setError(error)
                .setOccurredAt(clock.instant())
                .build();
    }
}
