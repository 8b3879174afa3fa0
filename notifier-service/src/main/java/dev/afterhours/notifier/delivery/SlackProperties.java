package dev.afterhours.notifier.delivery;

import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Slack pages (chat.postMessage with an Acknowledge button) and the button's interactions
 * ({@code afterhours.notifier.slack.*}). Off unless both the bot token and the signing secret are set: a page whose
 * button could not be verified when pressed is no page to send. SLACK pages are then recorded as failed.
 *
 * @param botToken      the Slack app's bot token ({@code xoxb-...}, scope {@code chat:write}); env
 *                      {@code AFTERHOURS_SLACK_BOT_TOKEN}. A secret, never logged
 * @param signingSecret the app's signing secret, which signs every interaction Slack posts back; env
 *                      {@code AFTERHOURS_SLACK_SIGNING_SECRET}. A secret, never logged
 * @param apiBaseUrl    Slack's Web API, {@code https://slack.com/api}; a local server in tests
 * @param timeout       connect and answer timeout of one API call
 */
@ConfigurationProperties(prefix = "afterhours.notifier.slack")
public record SlackProperties(
        @Nullable String botToken,
        @Nullable String signingSecret,
        @DefaultValue("https://slack.com/api") URI apiBaseUrl,
        @DefaultValue("PT10S") Duration timeout) {

    public SlackProperties {
        botToken = botToken == null || botToken.isBlank() ? null : botToken.trim();
        signingSecret = signingSecret == null || signingSecret.isBlank() ? null : signingSecret.trim();
        ProviderCalls.checkBaseUrl("afterhours.notifier.slack.api-base-url", apiBaseUrl);
        if (!timeout.isPositive()) {
            throw new IllegalArgumentException("afterhours.notifier.slack.timeout must be positive, was " + timeout);
        }
    }

    public boolean configured() {
        return botToken != null && signingSecret != null;
    }

    /** Without the secrets. */
    @Override
    public String toString() {
        return "SlackProperties[botToken=" + (botToken == null ? "(none)" : "(set)") + ", signingSecret="
                + (signingSecret == null ? "(none)" : "(set)") + ", apiBaseUrl=" + apiBaseUrl + ", timeout=" + timeout + "]";
    }
}
