package dev.afterhours.ingest.twilio;

import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of SMS and voice in ({@code afterhours.ingest.twilio.*}).
 *
 * @param authToken             the Twilio account's auth token, which signs every webhook; a secret (never logged).
 *                              Without it every webhook is refused (403): nothing unsigned is ever taken
 * @param publicBaseUrl         the scheme, host and any path prefix under which Twilio reaches this service
 *                              ({@code https://hooks.agency.example}), when a reverse proxy stands in between: Twilio
 *                              signs the URL it called, not the one this service received. Unset: the request's own URL
 * @param smsConversationWindow texts from the same number to the same client's lines within this window are one
 *                              conversation; at most {@code afterhours.ingest.conversation-window}
 * @param voicemailTimeout      how long a voicemail waits for its transcription before it is published without text
 * @param sweepInterval         how often voicemails past the timeout are looked for
 * @param maxVoicemailLength    the longest voicemail recorded (Twilio's {@code maxLength})
 */
@ConfigurationProperties(prefix = "afterhours.ingest.twilio")
public record TwilioProperties(
        @Nullable String authToken,
        @Nullable URI publicBaseUrl,
        @DefaultValue("PT24H") Duration smsConversationWindow,
        @DefaultValue("PT10M") Duration voicemailTimeout,
        @DefaultValue("PT30S") Duration sweepInterval,
        @DefaultValue("PT2M") Duration maxVoicemailLength) {

    public TwilioProperties {
        if (authToken != null && authToken.isBlank()) {
            authToken = null;
        }
        if (publicBaseUrl != null && publicBaseUrl.toString().isBlank()) {
            publicBaseUrl = null;
        }
        if (publicBaseUrl != null && (publicBaseUrl.getHost() == null || publicBaseUrl.getRawQuery() != null
                || !("https".equals(publicBaseUrl.getScheme()) || "http".equals(publicBaseUrl.getScheme())))) {
            throw new IllegalArgumentException("afterhours.ingest.twilio.public-base-url: '" + publicBaseUrl
                    + "' must be an http(s) URL with a host and no query, e.g. https://hooks.agency.example");
        }
        if (smsConversationWindow.isNegative() || voicemailTimeout.isNegative() || !sweepInterval.isPositive()) {
            throw new IllegalArgumentException("afterhours.ingest.twilio: sms-conversation-window and voicemail-timeout "
                    + "must not be negative, sweep-interval must be positive");
        }
        if (maxVoicemailLength.toSeconds() < 1 || maxVoicemailLength.toSeconds() > 14_400) {
            throw new IllegalArgumentException("afterhours.ingest.twilio.max-voicemail-length must be between PT1S and "
                    + "PT4H (Twilio's limit), was " + maxVoicemailLength);
        }
    }

    /** Without the token: the secret stays out of logs and error messages. */
    @Override
    public String toString() {
        return "TwilioProperties[authToken=" + (authToken == null ? "(none)" : "(set)") + ", publicBaseUrl="
                + publicBaseUrl + ", smsConversationWindow=" + smsConversationWindow + ", voicemailTimeout="
                + voicemailTimeout + ", sweepInterval=" + sweepInterval + ", maxVoicemailLength=" + maxVoicemailLength + "]";
    }
}
