package dev.afterhours.notifier.delivery;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Slack pages: {@code chat.postMessage} with the bot token to the person's member id (a direct message from the app),
 * as Block Kit: the page as a section and an "Acknowledge" button whose value is the page's signed acknowledgement
 * token. Slack answers 200 with {@code ok: false} and an error name for what it refuses ({@code channel_not_found},
 * {@code invalid_auth}): recorded, not retried, except {@code ratelimited}. A 429 or 5xx is retried; a request that
 * got no answer in time is not (it may have been posted).
 */
public final class SlackPoster {

    /** The button's {@code action_id}; the interactions endpoint acts on this one only. */
    public static final String ACK_ACTION = "afterhours_acknowledge";

    private static final Logger log = LoggerFactory.getLogger(SlackPoster.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Slack's limit on a section's text. */
    private static final int SECTION_LIMIT = 3000;
    /** Slack's limit on the blocks of one message. */
    private static final int MAX_BLOCKS = 50;

    private final SlackProperties properties;
    private final int attempts;
    private final Duration backoff;
    private final HttpClient http;

    public SlackPoster(SlackProperties properties, int attempts, Duration backoff) {
        this.properties = properties;
        this.attempts = attempts;
        this.backoff = backoff;
        this.http = ProviderCalls.client(properties.timeout());
        if (!properties.configured()) {
            log.warn("Slack is not configured (afterhours.notifier.slack.bot-token and signing-secret; env "
                    + "AFTERHOURS_SLACK_*): SLACK pages are recorded as failed, and interactions are refused.");
        }
    }

    public boolean enabled() {
        return properties.configured();
    }

    /**
     * Posts a page to {@code slackUserId} with an Acknowledge button carrying {@code ackValue}. Never throws.
     *
     * @param text the page in Slack's mrkdwn, also the notification's fallback text
     */
    public DeliveryResult page(String slackUserId, String headline, String text, String ackValue, String notificationId) {
        Map<String, Object> button = new LinkedHashMap<>();
        button.put("type", "button");
        button.put("action_id", ACK_ACTION);
        button.put("style", "primary");
        button.put("text", Map.of("type", "plain_text", "text", "Acknowledge"));
        button.put("value", ackValue);
        return blocks(slackUserId, headline, List.of(
                Map.of("type", "section", "text", Map.of("type", "mrkdwn", "text", cut(text))),
                Map.of("type", "actions", "block_id", "afterhours_page", "elements", List.of(button))), notificationId);
    }

    /**
     * A message of lines to someone, as Block Kit sections of mrkdwn (the morning digest): {@code intro} first, then
     * the lines in order, as many to a section as fit Slack's limits; lines past what one message holds are left
     * out, and the last section says how many. Never throws.
     *
     * @param headline the notification's fallback text
     * @param intro    mrkdwn, escaped by the caller ({@link #escape})
     * @param lines    mrkdwn, escaped by the caller; each should stay under a section's 3,000 characters
     */
    public DeliveryResult lines(String slackUserId, String headline, String intro, List<String> lines, String id) {
        List<String> sections = new ArrayList<>();
        sections.add(cut(intro));
        StringBuilder section = new StringBuilder();
        int shown = 0;
        for (String line : lines) {
            String one = cut(line);
            if (!section.isEmpty() && section.length() + 1 + one.length() > SECTION_LIMIT) {
                if (sections.size() == MAX_BLOCKS - 2) {
                    break; // room left for this section and the note of what was left out
                }
                sections.add(section.toString());
                section.setLength(0);
            }
            section.append(section.isEmpty() ? "" : "\n").append(one);
            shown++;
        }
        if (!section.isEmpty()) {
            sections.add(section.toString());
        }
        if (shown < lines.size()) {
            sections.add("_…and " + (lines.size() - shown) + " more that one Slack message cannot hold._");
        }
        return blocks(slackUserId, headline, sections.stream()
                .<Object>map(text -> Map.of("type", "section", "text", Map.of("type", "mrkdwn", "text", text)))
                .toList(), id);
    }

    /** A Block Kit message to someone, {@code headline} its notification's fallback text; links not unfurled. */
    private DeliveryResult blocks(String slackUserId, String headline, List<Object> blocks, String id) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("channel", slackUserId);
        body.put("text", headline);
        body.put("blocks", blocks);
        body.put("unfurl_links", false);
        return post(body, id);
    }

    /** Text made safe for mrkdwn: the three characters Slack asks to escape ({@code & < >}), so nothing becomes a link or mention. */
    public static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** A plain message to someone (the confirmation of their acknowledgement). Never throws. */
    public DeliveryResult tell(String slackUserId, String text, String id) {
        return post(Map.of("channel", slackUserId, "text", text), id);
    }

    /**
     * A plain message in a thread of a channel (a reply where the client wrote), as the app; links not unfurled.
     * Never throws.
     */
    public DeliveryResult reply(String channel, String threadTs, String text, String id) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("channel", channel);
        body.put("thread_ts", threadTs);
        body.put("text", text);
        body.put("unfurl_links", false);
        return post(body, id);
    }

    private DeliveryResult post(Map<String, Object> body, String id) {
        String token = properties.botToken();
        if (!properties.configured() || token == null) {
            return new DeliveryResult.Failed("Slack is not configured: afterhours.notifier.slack.bot-token and "
                    + "signing-secret are required", 0);
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(ProviderCalls.withoutTrailingSlash(properties.apiBaseUrl())
                        + "/chat.postMessage"))
                .timeout(properties.timeout())
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body), StandardCharsets.UTF_8))
                .build();
        return Retrying.run(attempts, backoff, () -> {
            ProviderCalls.Answer answer;
            try {
                answer = ProviderCalls.call(http, request, "Slack");
            } catch (ProviderCalls.Retry retry) {
                log.info("Slack chat.postMessage for {}: {}", id, retry.getMessage());
                return retry.getMessage();
            }
            if (!answer.ok()) {
                String error = "Slack answered HTTP " + answer.status() + " to chat.postMessage";
                log.info("{} ({})", error, id);
                if (answer.retryable()) {
                    return error;
                }
                throw new Retrying.Permanent(error);
            }
            String refusal = refusal(answer.body());
            if (refusal == null) {
                return null;
            }
            String error = "Slack refused chat.postMessage: " + refusal;
            log.info("{} ({})", error, id);
            if (refusal.equals("ratelimited")) {
                return error;
            }
            throw new Retrying.Permanent(error);
        });
    }

    /** Null when Slack said {@code ok: true}; else its error name (a short token, never free text). */
    private static @Nullable String refusal(String body) {
        JsonNode answer;
        try {
            answer = JSON.readTree(body);
        } catch (RuntimeException e) {
            return "an answer that is not JSON";
        }
        if (answer.path("ok").asBoolean(false)) {
            return null;
        }
        String error = answer.path("error").asString("unknown");
        return error.matches("[a-z_]{1,64}") ? error : "unknown";
    }

    private static String cut(String text) {
        return text.length() <= SECTION_LIMIT ? text : text.substring(0, SECTION_LIMIT - 1) + "…";
    }
}
