package dev.afterhours.notifier.acknowledgement;

import dev.afterhours.contracts.AutoReplyKind;
import dev.afterhours.contracts.AutoReplyOutcome;
import dev.afterhours.contracts.AutoReplyRecorded;
import dev.afterhours.contracts.AutoReplyRequested;
import dev.afterhours.contracts.Channel;
import dev.afterhours.contracts.ClientProfile;
import dev.afterhours.contracts.Topics;
import dev.afterhours.directory.DirectoryView;
import dev.afterhours.notifier.acknowledgement.AcknowledgementMetrics.Outcome;
import dev.afterhours.notifier.clientchannel.ClientChannels;
import dev.afterhours.notifier.clientchannel.ClientChannels.Send;
import dev.afterhours.notifier.delivery.DeliveryResult;
import dev.afterhours.notifier.delivery.SlackPoster;
import dev.afterhours.notifier.ledger.RecordingFailedException;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.specific.SpecificRecord;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Sends the acknowledgement a client is owed, or the update when the SLA of its message was breached unanswered (the
 * request's {@code kind}: the same channels, opt-out and record, only the text differs, and it is the scheduler's),
 * at most once per {@code requestId}: the intent ({@code ATTEMPTED}) is
 * on {@code afterhours.auto-replies.outcomes.v1}, acknowledged by the broker, before the e-mail goes out, and the
 * outcome after; a request with any recorded outcome (an intent without an outcome included) is never sent again,
 * whether it comes back as a redelivery, after a restart, or on another instance.
 */
public class AcknowledgementSender {

    private static final Logger log = LoggerFactory.getLogger(AcknowledgementSender.class);

    private final DirectoryView directory;
    private final ClientChannels channels;
    private final KafkaTemplate<String, SpecificRecord> kafka;
    private final AcknowledgementLedger ledger;
    private final AcknowledgementMetrics metrics;
    private final AcknowledgementProperties properties;
    private final Clock clock;
    private final Set<Channel> unsupportedLogged = ConcurrentHashMap.newKeySet();

    public AcknowledgementSender(DirectoryView directory, ClientChannels channels,
            KafkaTemplate<String, SpecificRecord> kafka, AcknowledgementLedger ledger, AcknowledgementMetrics metrics,
            AcknowledgementProperties properties, Clock clock) {
        this.directory = directory;
        this.channels = channels;
        this.kafka = kafka;
        this.ledger = ledger;
        this.metrics = metrics;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * @throws RecordingFailedException if an outcome could not be written; the record is then retried, and the
     *                                  ledger keeps it from being sent twice
     */
    public void handle(AutoReplyRequested request) {
        Channel channel = request.getChannel();
        AutoReplyOutcome prior = ledger.outcome(request.getRequestId());
        if (prior != null) {
            log.debug("{} {} already handled ({}): not sent again", what(request), request.getRequestId(), prior);
            metrics.count(request.getKind(), channel,
                    prior == AutoReplyOutcome.ATTEMPTED ? Outcome.UNKNOWN : Outcome.DUPLICATE);
            return;
        }
        ClientProfile client = directory.client(request.getClientId()).orElse(null);
        if (client != null && !client.getAcknowledgements()) {
            finish(request, AutoReplyOutcome.OPTED_OUT, null, Outcome.OPTED_OUT);
            return;
        }
        if (!request.getExpectedAnswerBy().isAfter(clock.instant())) {
            // Read late (the notifier was down): "expect an answer by <a time already past>" would be wrong.
            log.info("{} {} not sent: its expected answer time {} has passed", what(request), request.getRequestId(),
                    request.getExpectedAnswerBy());
            finish(request, AutoReplyOutcome.STALE, null, Outcome.STALE);
            return;
        }
        Send send = plan(request, client);
        if (send == null) {
            if (unsupportedLogged.add(channel)) {
                log.warn("Acknowledgements on {} cannot be delivered here (provider not configured, or no address to "
                        + "answer): {} and later ones on {} are recorded as unsupported-channel (logged once per "
                        + "channel)", channel, request.getRequestId(), channel);
            }
            finish(request, AutoReplyOutcome.UNSUPPORTED_CHANNEL, null, Outcome.UNSUPPORTED_CHANNEL);
            return;
        }
        if (client == null) {
            log.warn("Client {} of {} {} is not in the directory: sent without emergency instructions",
                    request.getClientId(), what(request), request.getRequestId());
        }
        record(request, AutoReplyOutcome.ATTEMPTED, null);
        DeliveryResult result = send.deliver();
        switch (result) {
            case DeliveryResult.Delivered d -> finish(request, AutoReplyOutcome.SENT, null, Outcome.SENT);
            case DeliveryResult.Failed f -> {
                log.warn("{} {} to {} failed after {} attempts: {}", what(request), request.getRequestId(),
                        request.getTo(), f.attempts(), f.error());
                finish(request, AutoReplyOutcome.FAILED, f.error(), Outcome.FAILED);
            }
        }
    }

    /**
     * How this request is answered on the channel it came in on ({@link ClientChannels}), or null when it cannot be
     * here: the mail with its subject and threading, the text with the short escalation hint, the Slack reply with
     * the full one.
     */
    private @Nullable Send plan(AutoReplyRequested request, @Nullable ClientProfile client) {
        AcknowledgementTexts texts = AcknowledgementTexts.of(request.getLanguage());
        AcknowledgementMail mail = AcknowledgementMail.of(request, client);
        ClientChannels.Wording wording = new ClientChannels.Wording(mail.subject(), mail.body(), mail.headers(),
                smsBody(request.getText(), client, texts),
                SlackPoster.escape(AcknowledgementMail.body(request.getText(), client, texts)));
        return channels.plan(new ClientChannels.Route(request.getChannel(), request.getTo(), request.getVia(),
                request.getThread()), client, wording, properties.from(), request.getRequestId());
    }

    /** The scheduler's text and the short escalation hint, in the GSM alphabet so two segments hold it. */
    static String smsBody(String text, @Nullable ClientProfile client, AcknowledgementTexts texts) {
        String escalation = client == null ? null
                : texts.shortEscalation(client.getEmergencyLines(), client.getEscalationWord());
        return GsmText.of(escalation == null ? text : text + " " + escalation);
    }

    private void finish(AutoReplyRequested request, AutoReplyOutcome outcome, @Nullable String error, Outcome counted) {
        record(request, outcome, error);
        metrics.count(request.getKind(), request.getChannel(), counted);
    }

    private static String what(AutoReplyRequested request) {
        return request.getKind() == AutoReplyKind.SLA_UPDATE ? "SLA update" : "Acknowledgement";
    }

    private void record(AutoReplyRequested request, AutoReplyOutcome outcome, @Nullable String error) {
        AutoReplyRecorded event = AutoReplyRecorded.newBuilder()
                .setRequestId(request.getRequestId())
                .setClientId(request.getClientId())
                .setMessageId(request.getMessageId())
                .setChannel(request.getChannel())
                .setTo(request.getTo())
                .setOutcome(outcome)
                .setError(error)
                .setOccurredAt(Instant.now(clock))
                .setKind(request.getKind())
                .build();
        ledger.record(kafka, Topics.AUTO_REPLY_OUTCOMES.name(), event);
    }
}
