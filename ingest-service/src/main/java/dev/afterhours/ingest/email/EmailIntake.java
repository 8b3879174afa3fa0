package dev.afterhours.ingest.email;

import dev.afterhours.contracts.Channel;
import dev.afterhours.contracts.Direction;
import dev.afterhours.ingest.message.Addresses;
import dev.afterhours.ingest.message.InboundMessage;
import dev.afterhours.ingest.message.IngestMetrics;
import dev.afterhours.ingest.message.IntakeResult;
import dev.afterhours.ingest.message.MessageIntake;
import dev.afterhours.ingest.message.StaffIdentities;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * A raw email, from SMTP or the webhook, parsed and taken through the one {@link MessageIntake}.
 *
 * <p><b>Staff replies.</b> Mail whose From is a staff member's e-mail ({@code StaffMember.email}) and that either
 * names a client's contact among its To/Cc recipients, or reached us through the agency's BCC address
 * ({@code afterhours.ingest.email.bcc-address} among the SMTP envelope recipients), is a staff member's reply from
 * their own mail program: it is taken OUTBOUND (resolved and threaded by the client recipient and In-Reply-To /
 * References, like the API's OUTBOUND replies), which stops the conversation's SLA clock. Mail from staff that names
 * no client and did not come through the BCC address (a colleague forwarding something to the listener) stays an
 * INBOUND message as before. Mail whose SPF or DMARC result (as a receiving server recorded it in
 * Authentication-Results) is {@code fail} is never taken as staff: a forged From must not stop a clock.
 */
public final class EmailIntake {

    private final EmailParser parser = new EmailParser();
    private final MessageIntake intake;
    private final IngestMetrics metrics;
    private final StaffIdentities staff;
    private final Function<String, Optional<String>> clientForAddress;
    private final @Nullable String bccAddress;

    public EmailIntake(MessageIntake intake, IngestMetrics metrics) {
        this(intake, metrics, StaffIdentities.NONE, address -> Optional.empty(), null);
    }

    /**
     * @param clientForAddress the directory's lookup of a client by one of its contacts' addresses
     * @param bccAddress       the agency's BCC address for staff replies, or null for none
     */
    public EmailIntake(MessageIntake intake, IngestMetrics metrics, StaffIdentities staff,
            Function<String, Optional<String>> clientForAddress, @Nullable String bccAddress) {
        this.intake = intake;
        this.metrics = metrics;
        this.staff = staff;
        this.clientForAddress = clientForAddress;
        this.bccAddress = bccAddress == null || bccAddress.isBlank() ? null : Addresses.normalise(bccAddress);
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
        return intake.ingest(staffReplyOrAsIs(message, envelopeTo), mayPostFor);
    }

    /** The message as a staff reply (OUTBOUND) when it is one, else as it came. */
    InboundMessage staffReplyOrAsIs(InboundMessage message, List<String> envelopeTo) {
        if ("fail".equals(message.header(EmailParser.SPF)) || "fail".equals(message.header(EmailParser.DMARC))) {
            return message;
        }
        Optional<String> staffId = staff.byEmail(message.from());
        if (staffId.isEmpty()) {
            return message;
        }
        boolean toAClient = message.to().stream().anyMatch(to -> clientForAddress.apply(to).isPresent());
        boolean throughBcc = bccAddress != null
                && envelopeTo.stream().anyMatch(to -> bccAddress.equals(Addresses.normalise(to)));
        return toAClient || throughBcc ? message.asStaffReply(staffId.get()) : message;
    }
}
