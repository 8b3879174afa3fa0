package dev.afterhours.ingest.email;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of e-mail in that both ways in share ({@code afterhours.ingest.email.*}).
 *
 * @param maxMessageSize largest raw message taken: bigger is refused (SMTP 552, webhook 413). The webhook is also
 *                       capped by {@code afterhours.web.max-body-size}, which applies to every endpoint.
 * @param bccAddress     the agency's address that staff BCC on replies sent from their own mail program (e.g.
 *                       {@code replies@agency.example}); mail from a staff member that reached the listener through it
 *                       is recorded as an OUTBOUND reply. Empty: none. The SMTP listener must also accept it
 *                       ({@code afterhours.ingest.smtp.accepted-recipients}).
 */
@ConfigurationProperties(prefix = "afterhours.ingest.email")
public record EmailProperties(@DefaultValue("10MB") DataSize maxMessageSize, @Nullable String bccAddress) {

    public EmailProperties {
        if (maxMessageSize.toBytes() < 1 || maxMessageSize.toBytes() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("afterhours.ingest.email.max-message-size must be between 1B and 2GB, was "
                    + maxMessageSize);
        }
        if (bccAddress != null && !bccAddress.isBlank() && !bccAddress.strip().matches("[^@\\s<>]+@[^@\\s<>]+")) {
            throw new IllegalArgumentException("afterhours.ingest.email.bcc-address must be one e-mail address, was '"
                    + bccAddress + "'");
        }
    }
}
