package dev.afterhours.ingest.email;

import dev.afterhours.contracts.Channel;
import dev.afterhours.contracts.Direction;
import dev.afterhours.ingest.message.InboundMessage;
import dev.afterhours.ingest.message.IngestMetrics;
import dev.afterhours.ingest.message.IntakeResult;
import dev.afterhours.ingest.message.MessageIntake;
import java.util.List;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/** A raw email, from SMTP or the webhook, parsed and taken through the one {@link MessageIntake}. */
public final class EmailIntake {

    private final EmailParser parser = new EmailParser();
    private final MessageIntake intake;
    private final IngestMetrics metrics;

    public EmailIntake(MessageIntake intake, IngestMetrics metrics) {
        this.intake = intake;
        this.metrics = metrics;
    }

    /**
     * @param envelopeFrom the SMTP envelope sender (MAIL FROM), used if the message has no From; null from the webhook
     * @param envelopeTo   the SMTP envelope recipients, used if the message names none in To or Cc
     * @param mayPostFor   whether the caller may post for a client (an API key limited to some clients)
     * @throws UnreadableEmailException if the bytes are not an email that can be taken
     * @see MessageIntake#ingest(InboundMessage, Predicate) for the other failures
     */
    public IntakeResult accept(byte[] raw, @Nullable String envelopeFrom, List<String> envelopeTo,
            Predicate<String> mayPostFor) {
        InboundMessage message;
        try {
            message = parser.parse(raw, envelopeFrom, envelopeTo);
        } catch (UnreadableEmailException e) {
            metrics.message(Channel.EMAIL, Direction.INBOUND, IngestMetrics.Outcome.REJECTED, false);
            throw e;
        }
        return intake.ingest(message, mayPostFor);
    }
}
