package dev.afterhours.ingest.reply;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of staff replies ({@code afterhours.ingest.replies.*}).
 *
 * @param statusBaseUrl where the notifier answers {@code GET /api/v1/replies/{replyId}}: the reply's status, which
 *                      the 202 of a reply points to
 * @param maxTextLength the longest reply taken (400 beyond); a text message is limited to 1600 characters besides,
 *                      Twilio's limit
 */
@ConfigurationProperties(prefix = "afterhours.ingest.replies")
public record ReplyProperties(@DefaultValue("http://localhost:8183") URI statusBaseUrl,
                              @DefaultValue("20000") int maxTextLength) {

    public ReplyProperties {
        if (!statusBaseUrl.isAbsolute()) {
            throw new IllegalArgumentException("afterhours.ingest.replies.status-base-url must be an absolute URL, was "
                    + statusBaseUrl);
        }
        if (maxTextLength < 1) {
            throw new IllegalArgumentException("afterhours.ingest.replies.max-text-length must be positive");
        }
    }

    /** The status address of a reply. */
    public String statusUrl(String replyId) {
        String base = statusBaseUrl.toString();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/api/v1/replies/" + replyId;
    }
}
