package dev.afterhours.notifier.delivery;

import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * SMS and voice pages through Twilio's REST API, and the acknowledgements that come back from them
 * ({@code afterhours.notifier.twilio.*}). Off unless the account SID, auth token and from-number are all set: SMS and
 * VOICE pages are then recorded as failed with the reason, as before.
 *
 * @param accountSid    the account ({@code AC...}); env {@code AFTERHOURS_TWILIO_ACCOUNT_SID}
 * @param authToken     the account's auth token: the REST API's password, and the key Twilio signs its webhooks
 *                      with (the SMS replies and the key presses of a voice page). A secret, never logged; env
 *                      {@code AFTERHOURS_TWILIO_AUTH_TOKEN}
 * @param fromNumber    the agency's pager number (E.164) pages are sent and called from, and that staff reply to
 * @param apiBaseUrl    Twilio's REST API, {@code https://api.twilio.com}; a local server in tests
 * @param publicBaseUrl where Twilio reaches this service (the voice page's key-press callback; the URL Twilio signs);
 *                      unset: {@code afterhours.notifier.public-base-url}
 * @param timeout       connect and answer timeout of one call to the REST API
 */
@ConfigurationProperties(prefix = "afterhours.notifier.twilio")
public record TwilioProperties(
        @Nullable String accountSid,
        @Nullable String authToken,
        @Nullable String fromNumber,
        @DefaultValue("https://api.twilio.com") URI apiBaseUrl,
        @Nullable URI publicBaseUrl,
        @DefaultValue("PT10S") Duration timeout) {

    public TwilioProperties {
        accountSid = blankToNull(accountSid);
        authToken = blankToNull(authToken);
        fromNumber = blankToNull(fromNumber);
        if (publicBaseUrl != null && publicBaseUrl.toString().isBlank()) {
            publicBaseUrl = null;
        }
        ProviderCalls.checkBaseUrl("afterhours.notifier.twilio.api-base-url", apiBaseUrl);
        if (publicBaseUrl != null) {
            ProviderCalls.checkBaseUrl("afterhours.notifier.twilio.public-base-url", publicBaseUrl);
        }
        if (fromNumber != null && !fromNumber.matches("\\+[1-9][0-9]{6,14}")) {
            throw new IllegalArgumentException("afterhours.notifier.twilio.from-number: '" + fromNumber
                    + "' is not an E.164 number like +15551234567");
        }
        if (!timeout.isPositive()) {
            throw new IllegalArgumentException("afterhours.notifier.twilio.timeout must be positive, was " + timeout);
        }
    }

    /** Whether SMS and voice pages can be sent: the SID, the token and the number are all set. */
    public boolean configured() {
        return accountSid != null && authToken != null && fromNumber != null;
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** Without the token: the secret stays out of logs and error messages. */
    @Override
    public String toString() {
        return "TwilioProperties[accountSid=" + accountSid + ", authToken=" + (authToken == null ? "(none)" : "(set)")
                + ", fromNumber=" + fromNumber + ", apiBaseUrl=" + apiBaseUrl + ", publicBaseUrl=" + publicBaseUrl
                + ", timeout=" + timeout + "]";
    }
}
