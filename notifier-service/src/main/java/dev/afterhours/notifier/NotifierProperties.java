package dev.afterhours.notifier;

import dev.afterhours.directory.OutboundUrlPolicy;
import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the notifier, under {@code afterhours.notifier}.
 *
 * @param triageStaffId           who is paged for messages from unknown senders; blank: nobody, the page is
 *                                recorded as NotificationFailed instead
 * @param webhookSecret           the shared HMAC secret for webhook signatures (env AFTERHOURS_WEBHOOK_SECRET);
 *                                blank: webhook delivery is refused, email still works
 * @param publicBaseUrl           where people reach this service (from a phone, too); signed ack links are built on it
 * @param mailFrom                the From address of page emails
 * @param webhookTimeout          connect and response timeout of one webhook attempt
 * @param deliveryAttempts        attempts per delivery (webhook, email, SMS, call, Slack) before it is recorded as failed
 * @param retryBackoff            wait before the second attempt; doubled for each further attempt
 * @param ledgerWindow            how far back the notifications topic is read at startup to rebuild the
 *                                delivered-set, acknowledgements and escalation timers
 * @param maxPageAge              escalations and breaches older than this are not paged (a replay after an offset
 *                                reset must not wake people for last week's emergencies); at most ledgerWindow
 * @param crmNotesPerPage         how many of the client's latest CRM notes go with a page
 * @param historyPerClient        notification events kept per client for the history endpoint
 * @param escalateUnacknowledged  page the next policy level when a level does not acknowledge within its ackTimeout
 * @param escalationCheckInterval how often acknowledgement deadlines are checked
 * @param outboundAllow           internal webhook targets allowed anyway (env AFTERHOURS_OUTBOUND_ALLOW): comma-separated
 *                                {@code host[:port]} or CIDR entries; blank: no loopback, private, link-local...
 *                                address is called (see {@link OutboundUrlPolicy})
 */
@ConfigurationProperties(prefix = "afterhours.notifier")
public record NotifierProperties(
        @Nullable String triageStaffId,
        @Nullable String webhookSecret,
        @DefaultValue("http://localhost:8183") URI publicBaseUrl,
        @DefaultValue("afterhours@localhost") String mailFrom,
        @DefaultValue("PT5S") Duration webhookTimeout,
        @DefaultValue("3") int deliveryAttempts,
        @DefaultValue("PT1S") Duration retryBackoff,
        @DefaultValue("P7D") Duration ledgerWindow,
        @DefaultValue("PT24H") Duration maxPageAge,
        @DefaultValue("3") int crmNotesPerPage,
        @DefaultValue("200") int historyPerClient,
        @DefaultValue("true") boolean escalateUnacknowledged,
        @DefaultValue("PT5S") Duration escalationCheckInterval,
        @DefaultValue("") String outboundAllow) {

    public NotifierProperties {
        if (deliveryAttempts < 1) {
            throw new IllegalArgumentException("afterhours.notifier.delivery-attempts: must be at least 1, was " + deliveryAttempts);
        }
        if (maxPageAge.compareTo(ledgerWindow) > 0) {
            // Outside the ledger window a redelivered escalation would not be recognised as already paged.
            throw new IllegalArgumentException("afterhours.notifier.max-page-age (" + maxPageAge
                    + ") must not exceed afterhours.notifier.ledger-window (" + ledgerWindow + ")");
        }
        if (crmNotesPerPage < 0 || historyPerClient < 1) {
            throw new IllegalArgumentException("afterhours.notifier.crm-notes-per-page must be >= 0 and history-per-client >= 1");
        }
        outboundPolicy(outboundAllow); // a bad entry stops startup, naming it
        triageStaffId = blankToNull(triageStaffId);
        webhookSecret = blankToNull(webhookSecret);
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** What webhook calls are allowed to reach. */
    public OutboundUrlPolicy outboundPolicy() {
        return outboundPolicy(outboundAllow);
    }

    private static OutboundUrlPolicy outboundPolicy(String allowList) {
        try {
            return OutboundUrlPolicy.parse(allowList);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("afterhours.notifier.outbound-allow: " + e.getMessage(), e);
        }
    }
}
