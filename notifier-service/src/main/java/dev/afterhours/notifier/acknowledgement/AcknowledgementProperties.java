package dev.afterhours.notifier.acknowledgement;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the acknowledgements sent to clients, under {@code afterhours.notifier.acknowledgements}.
 *
 * @param from the agency's address the e-mail acknowledgements come from (clients reply to it)
 */
@ConfigurationProperties(prefix = "afterhours.notifier.acknowledgements")
public record AcknowledgementProperties(@DefaultValue("afterhours@localhost") String from) {

    public AcknowledgementProperties {
        if (from.isBlank()) {
            throw new IllegalArgumentException("afterhours.notifier.acknowledgements.from: must not be blank");
        }
    }
}
