package dev.afterhours.ingest.email;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of e-mail in that both ways in share ({@code afterhours.ingest.email.*}).
 *
 * @param maxMessageSize largest raw message taken: bigger is refused (SMTP 552, webhook 413). The webhook is also
 *                       capped by {@code afterhours.web.max-body-size}, which applies to every endpoint.
 */
@ConfigurationProperties(prefix = "afterhours.ingest.email")
public record EmailProperties(@DefaultValue("10MB") DataSize maxMessageSize) {

    public EmailProperties {
        if (maxMessageSize.toBytes() < 1 || maxMessageSize.toBytes() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("afterhours.ingest.email.max-message-size must be between 1B and 2GB, was "
                    + maxMessageSize);
        }
    }
}
