package dev.afterhours.ingest.email.smtp;

import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The SMTP listener ({@code afterhours.ingest.smtp.*}). It listens only when {@code enabled} and a {@code port} is
 * set ({@code 0}: any free port, for tests).
 *
 * @param enabled            false switches the listener off whatever the port says
 * @param port               the port to listen on; none: no listener
 * @param bindAddress        the address to bind; {@code 127.0.0.1} by default, {@code 0.0.0.0} to take mail from
 *                           the internet (an MX record pointing here)
 * @param hostName           the name the server greets with (and says in EHLO); null: the machine's name
 * @param acceptedRecipients the domains ({@code agency.example}) and addresses ({@code support@agency.example}) mail
 *                           is taken for; any other recipient is refused at RCPT with 550, so the listener is no open
 *                           relay. Must not be empty when the listener runs.
 */
@ConfigurationProperties(prefix = "afterhours.ingest.smtp")
public record SmtpProperties(
        @DefaultValue("true") boolean enabled,
        @Nullable Integer port,
        @DefaultValue("127.0.0.1") String bindAddress,
        @Nullable String hostName,
        @DefaultValue List<String> acceptedRecipients) {

    public SmtpProperties {
        acceptedRecipients = acceptedRecipients.stream().map(String::strip).filter(r -> !r.isEmpty())
                .map(r -> r.toLowerCase(Locale.ROOT)).toList();
        if (port != null && (port < 0 || port > 65535)) {
            throw new IllegalArgumentException("afterhours.ingest.smtp.port must be between 0 and 65535, was " + port);
        }
        if (enabled && port != null && acceptedRecipients.isEmpty()) {
            throw new IllegalArgumentException("afterhours.ingest.smtp.accepted-recipients is empty: name the domains "
                    + "or addresses the listener takes mail for (e.g. agency.example, support@agency.example), or it "
                    + "would refuse everything; or set afterhours.ingest.smtp.enabled=false");
        }
    }

    /** Whether the listener runs. */
    public boolean active() {
        return enabled && port != null;
    }

    /** Whether mail for this recipient (an address, with or without angle brackets) is taken. */
    public boolean accepts(String recipient) {
        String address = recipient.strip().toLowerCase(Locale.ROOT);
        if (address.startsWith("<") && address.endsWith(">")) {
            address = address.substring(1, address.length() - 1).strip();
        }
        int at = address.lastIndexOf('@');
        if (at <= 0 || at == address.length() - 1) {
            return false;
        }
        String domain = address.substring(at + 1);
        for (String accepted : acceptedRecipients) {
            if (accepted.contains("@") ? accepted.equals(address) : accepted.equals(domain)) {
                return true;
            }
        }
        return false;
    }
}
