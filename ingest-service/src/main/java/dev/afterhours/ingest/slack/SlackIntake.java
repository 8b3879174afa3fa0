package dev.afterhours.ingest.slack;

import dev.afterhours.contracts.Attachment;
import dev.afterhours.contracts.Channel;
import dev.afterhours.contracts.Direction;
import dev.afterhours.ingest.message.InboundMessage;
import dev.afterhours.ingest.message.IntakeResult;
import dev.afterhours.ingest.message.MessageIds;
import dev.afterhours.ingest.message.MessageIntake;
import dev.afterhours.ingest.message.ReplyRoute;
import dev.afterhours.ingest.message.StaffIdentities;
import dev.afterhours.ingest.slack.SlackMetrics.Outcome;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Slack's Events API payloads, already signature-checked, turned into messages.
 *
 * <ul>
 *   <li>{@code url_verification}: the challenge, echoed;</li>
 *   <li>{@code event_callback} with a {@code message} event: one CHAT message. The channel names the client
 *       ({@link SlackChannels}); a channel no client has is taken all the same, {@code unresolved} with the Slack
 *       user, team and channel kept, for triage. A person's message only: a bot's ({@code bot_id}), an edit or
 *       delete, a join and every other subtype are acknowledged and counted, nothing published. A message from a
 *       staff member (the user is a {@code StaffMember.slackUserId}) is their reply: OUTBOUND in the thread's
 *       conversation, which stops its SLA clock;</li>
 *   <li>anything else (another event type, {@code app_rate_limited}): acknowledged and counted.</li>
 * </ul>
 *
 * <p>The provider message id is {@code <channel>:<ts>}, which names one Slack message whatever the event that
 * carries it, so Slack's retries ({@code X-Slack-Retry-Num}), a replay and the same message in two events all yield
 * the original message and nothing new. The conversation is the thread: the id of its first message
 * ({@code thread_ts}, or the message's own {@code ts} when it starts one), so every reply lands in it whatever else
 * the sender wrote in between.
 */
public final class SlackIntake {

    public static final String PROVIDER = "slack";
    public static final String EVENT_ID = "x-afterhours-slack-event-id";
    public static final String TEAM = "x-afterhours-slack-team";
    public static final String CHANNEL = "x-afterhours-slack-channel";
    public static final String USER = "x-afterhours-slack-user";
    public static final String THREAD_TS = ReplyRoute.SLACK_THREAD_TS;
    /** {@code true} when the channel is one of a client's {@code slackChannels}, else {@code false}. */
    public static final String CHANNEL_MAPPED = "x-afterhours-slack-channel-mapped";

    /** Subtypes that are still a person writing in the channel: with a file, or a thread reply also sent to it. */
    private static final Set<String> PERSON_SUBTYPES = Set.of("file_share", "thread_broadcast");

    private static final Logger log = LoggerFactory.getLogger(SlackIntake.class);

    private final MessageIntake intake;
    private final SlackChannels channels;
    private final StaffIdentities staff;
    private final SlackMetrics metrics;

    public SlackIntake(MessageIntake intake, SlackChannels channels, SlackMetrics metrics) {
        this(intake, channels, StaffIdentities.NONE, metrics);
    }

    /** @param staff who of the channel's members are the agency's staff: their messages are OUTBOUND replies */
    public SlackIntake(MessageIntake intake, SlackChannels channels, StaffIdentities staff, SlackMetrics metrics) {
        this.intake = intake;
        this.channels = channels;
        this.staff = staff;
        this.metrics = metrics;
    }

    /** What became of a payload, and the challenge to echo for the URL verification. */
    public record Answer(Outcome outcome, @Nullable String challenge, @Nullable IntakeResult result) {
    }

    /**
     * @param retry whether Slack marked the request a retry ({@code X-Slack-Retry-Num}); counted, nothing else
     * @throws InvalidSlackEventException for a payload that is not what Slack sends
     * @see MessageIntake#ingest for the failures (503)
     */
    public Answer accept(JsonNode payload, boolean retry) {
        if (!payload.isObject()) {
            throw invalid("body", "the body is not a JSON object");
        }
        String type = text(payload, "type");
        if ("url_verification".equals(type)) {
            String challenge = text(payload, "challenge");
            if (challenge == null) {
                throw invalid("challenge", "a url_verification without a challenge");
            }
            return count(new Answer(Outcome.VERIFIED_URL, challenge, null), retry);
        }
        if (!"event_callback".equals(type)) {
            log.debug("Slack payload of type {} acknowledged, nothing to take", type);
            return count(new Answer(Outcome.IGNORED, null, null), retry);
        }
        JsonNode event = payload.path("event");
        if (!event.isObject()) {
            throw invalid("event", "an event_callback without an event object");
        }
        String why = notAPersonsMessage(event);
        if (why != null) {
            log.debug("Slack event {} acknowledged, not taken: {}", text(payload, "event_id"), why);
            return count(new Answer(Outcome.IGNORED, null, null), retry);
        }
        InboundMessage message = message(payload, event);
        Optional<String> client = channels.clientFor(required(event, "channel"));
        IntakeResult result;
        try {
            // Slack retries a failed delivery three times within about half an hour, then drops it, and turns off an
            // app's events when most deliveries fail: refusing a routine message under backpressure would lose it,
            // as it would Twilio's. Kafka holds it until the pipeline catches up.
            result = intake.ingestFromSenderThatDoesNotRetry(message, client);
        } catch (RuntimeException e) {
            metrics.event(Outcome.FAILED, retry);
            throw e;
        }
        return count(new Answer(result.status() == IntakeResult.Status.ACCEPTED ? Outcome.ACCEPTED : Outcome.DUPLICATE,
                null, result), retry);
    }

    private InboundMessage message(JsonNode payload, JsonNode event) {
        String channel = required(event, "channel");
        String ts = required(event, "ts");
        String user = required(event, "user");
        String threadTs = Optional.ofNullable(text(event, "thread_ts")).orElse(ts);
        boolean mapped = channels.clientFor(channel).isPresent();
        Map<String, String> headers = new LinkedHashMap<>();
        putIfPresent(headers, EVENT_ID, text(payload, "event_id"));
        putIfPresent(headers, TEAM, Optional.ofNullable(text(event, "team")).orElse(text(payload, "team_id")));
        headers.put(CHANNEL, channel);
        headers.put(USER, user);
        headers.put(THREAD_TS, threadTs);
        headers.put(CHANNEL_MAPPED, Boolean.toString(mapped));
        String conversationId = MessageIds.messageId(PROVIDER, channel + ":" + threadTs);
        InboundMessage message = new InboundMessage(Channel.CHAT, Direction.INBOUND, PROVIDER, channel + ":" + ts, user,
                List.of(channel), null, Optional.ofNullable(text(event, "text")).orElse(""), instant(ts), files(event),
                headers, conversationId, null);
        // The agency's own people write in the channels they share with clients: that is an answer, not a request.
        return staff.bySlackUser(user).map(message::asStaffReply).orElse(message);
    }

    /** Why an event is not a person's new message in a channel, or null when it is one. */
    private static @Nullable String notAPersonsMessage(JsonNode event) {
        String type = text(event, "type");
        if (!"message".equals(type)) {
            return "event type " + type;
        }
        String subtype = text(event, "subtype");
        if (subtype != null && !PERSON_SUBTYPES.contains(subtype)) {
            return "subtype " + subtype;
        }
        if (event.hasNonNull("bot_id") || event.path("hidden").asBoolean(false)) {
            return "a bot's message";
        }
        if (text(event, "user") == null) {
            return "no user";
        }
        return null;
    }

    /** Slack's files: name, type, size and the private URL (which needs the app's token to fetch). */
    private static List<Attachment> files(JsonNode event) {
        List<Attachment> attachments = new ArrayList<>();
        for (JsonNode file : event.path("files")) {
            if (!file.isObject() || attachments.size() == 20) {
                continue;
            }
            String name = Optional.ofNullable(text(file, "name")).orElse(Optional.ofNullable(text(file, "id")).orElse("file"));
            String type = Optional.ofNullable(text(file, "mimetype")).orElse("application/octet-stream");
            JsonNode size = file.path("size");
            long bytes = size.isIntegralNumber() && size.canConvertToLong() ? Math.max(0, size.longValue()) : 0L;
            attachments.add(new Attachment(name, type, bytes, text(file, "url_private")));
        }
        return attachments;
    }

    /** Slack's {@code ts} ("1733612345.000200"): seconds and microseconds; null if it is not that. */
    private static @Nullable Instant instant(String ts) {
        try {
            BigDecimal seconds = new BigDecimal(ts);
            return Instant.ofEpochSecond(seconds.longValue(),
                    seconds.remainder(BigDecimal.ONE).movePointRight(9).longValue());
        } catch (NumberFormatException | ArithmeticException | java.time.DateTimeException e) {
            return null;
        }
    }

    private Answer count(Answer answer, boolean retry) {
        metrics.event(answer.outcome(), retry);
        return answer;
    }

    private InvalidSlackEventException invalid(String field, String message) {
        metrics.event(Outcome.INVALID, false);
        return new InvalidSlackEventException(field, message);
    }

    private String required(JsonNode event, String field) {
        String value = text(event, field);
        if (value == null || value.isBlank()) {
            throw invalid("event." + field, "a message event without '" + field + "', which Slack always sends");
        }
        return value;
    }

    private static void putIfPresent(Map<String, String> headers, String name, @Nullable String value) {
        if (value != null && !value.isBlank()) {
            headers.put(name, value);
        }
    }

    private static @Nullable String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isString() ? value.stringValue() : null;
    }
}
