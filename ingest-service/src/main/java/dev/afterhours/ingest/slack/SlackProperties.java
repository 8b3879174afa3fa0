package dev.afterhours.ingest.slack;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of chat in through Slack ({@code afterhours.ingest.slack.*}).
 *
 * @param signingSecret the Slack app's signing secret ("Basic Information", "App Credentials"), which signs every
 *                      request Slack sends; a secret (never logged). Unset: the endpoint answers 404 saying so, and
 *                      nothing is taken
 */
@ConfigurationProperties(prefix = "afterhours.ingest.slack")
public record SlackProperties(@Nullable String signingSecret) {

    public SlackProperties {
        if (signingSecret != null && signingSecret.isBlank()) {
            signingSecret = null;
        }
    }

    public boolean configured() {
        return signingSecret != null;
    }

    /** Without the secret: it stays out of logs and error messages. */
    @Override
    public String toString() {
        return "SlackProperties[signingSecret=" + (signingSecret == null ? "(none)" : "(set)") + "]";
    }
}
