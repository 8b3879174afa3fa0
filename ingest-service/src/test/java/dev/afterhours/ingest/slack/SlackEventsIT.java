package dev.afterhours.ingest.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.app_backend.SlackSignature;
import dev.afterhours.contracts.Channel;
import dev.afterhours.contracts.Direction;
import dev.afterhours.contracts.MessageReceived;
import dev.afterhours.contracts.Topics;
import dev.afterhours.ingest.ChannelsITSupport;
import dev.afterhours.ingest.message.MessageIds;
import dev.afterhours.ingest.slack.web.SlackEventsController;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Slack's Events API end to end: requests signed with Slack's own {@link SlackSignature.Generator} over the exact
 * body, against the testkit's real broker and registry, every assertion on the real topic. The demo directory shares
 * the channel C0ACMESHOP with acme-shop.
 */
class SlackEventsIT extends ChannelsITSupport {

    private static final String ACME_CHANNEL = "C0ACMESHOP";

    @Autowired
    private MeterRegistry meters;

    /** A Slack message ts: seconds and microseconds, unique per call. */
    private String ts() {
        return clock.instant().getEpochSecond() + "." + String.format("%06d", ThreadLocalRandom.current().nextInt(1_000_000));
    }

    private static String messageEvent(String channel, String user, String ts, @Nullable String threadTs, String text,
            String extra) {
        return """
                {"token":"legacy-verification-token","team_id":"T0AGENCY","api_app_id":"A0AFTERHRS",
                 "event":{"type":"message","channel":"%s","user":"%s","text":"%s","ts":"%s",%s"team":"T0AGENCY",
                  "channel_type":"channel","event_ts":"%s"%s},
                 "type":"event_callback","event_id":"Ev%s","event_time":%d,
                 "authorizations":[{"team_id":"T0AGENCY","user_id":"U0AFTERHRS","is_bot":true}]}"""
                .formatted(channel, user, text, ts, threadTs == null ? "" : "\"thread_ts\":\"" + threadTs + "\",", ts,
                        extra, UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase(),
                        Long.parseLong(ts.substring(0, ts.indexOf('.'))));
    }

    /** Posts as Slack does: signed now (by the test's clock) with the signing secret. */
    private Response slack(String body, String... headers) {
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        return post(body, timestamp, new SlackSignature.Generator(SLACK_SECRET).generate(timestamp, body), headers);
    }

    private Response post(String body, @Nullable String timestamp, @Nullable String signature, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(SlackEventsController.EVENTS))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (timestamp != null) {
            request.header(SlackSignature.HeaderNames.X_SLACK_REQUEST_TIMESTAMP, timestamp);
        }
        if (signature != null) {
            request.header(SlackSignature.HeaderNames.X_SLACK_SIGNATURE, signature);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return sendAs(null, request);
    }

    private double count(String outcome) {
        return meters.get(SlackMetrics.EVENTS).tag("outcome", outcome).counters().stream()
                .mapToDouble(c -> c.count()).sum();
    }

    @Test
    void theUrlVerificationIsAnsweredWithItsChallenge_onlyWhenSigned() {
        String body = "{\"token\":\"Jhj5dZrVaK7ZwHHjRyZWjbDl\",\"challenge\":\"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P\","
                + "\"type\":\"url_verification\"}";

        Response signed = slack(body);
        Response unsigned = post(body, null, null);

        assertThat(signed.status()).isEqualTo(200);
        assertThat(signed.text("challenge")).isEqualTo("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P");
        assertProblem(unsigned, 401, "X-Slack-Signature");
        assertThat(unsigned.json().has("challenge")).isFalse();
    }

    @Test
    void aMessageInAClientsChannelIsOneChatMessage_evenWhenSlackRetriesAndReplaysIt() {
        String ts = ts();
        String body = messageEvent(ACME_CHANNEL, "U0DANA", ts, null, "Checkout is broken since 22:00", "");

        Response first = slack(body);
        Response retry1 = slack(body, SlackEventsController.RETRY_NUM, "1", "X-Slack-Retry-Reason", "http_timeout");
        Response retry2 = slack(body, SlackEventsController.RETRY_NUM, "2", "X-Slack-Retry-Reason", "http_timeout");
        // the same message in another event (another event_id): still one message
        Response otherEvent = slack(messageEvent(ACME_CHANNEL, "U0DANA", ts, null, "Checkout is broken since 22:00", ""));

        assertThat(first.status()).as(first.json().toString()).isEqualTo(200);
        assertThat(first.text("status")).isEqualTo("accepted");
        assertThat(first.text("clientId")).isEqualTo("acme-shop");
        for (Response again : List.of(retry1, retry2, otherEvent)) {
            assertThat(again.status()).isEqualTo(200);
            assertThat(again.text("status")).isEqualTo("duplicate");
            assertThat(again.text("messageId")).isEqualTo(first.text("messageId"));
        }
        List<Map.Entry<String, MessageReceived>> events = received(ACME_CHANNEL + ":" + ts);
        assertThat(events).as("exactly one message on " + Topics.MESSAGES_RECEIVED.name()).hasSize(1);
        assertThat(events.getFirst().getKey()).isEqualTo("acme-shop");
        MessageReceived event = events.getFirst().getValue();
        assertThat(event.getChannel()).isEqualTo(Channel.CHAT);
        assertThat(event.getDirection()).isEqualTo(Direction.INBOUND);
        assertThat(event.getProvider()).isEqualTo("slack");
        assertThat(event.getFrom()).isEqualTo("U0DANA");
        assertThat(event.getTo()).containsExactly(ACME_CHANNEL);
        assertThat(event.getBody()).isEqualTo("Checkout is broken since 22:00");
        assertThat(event.getConversationId()).as("a message that starts a thread starts the conversation")
                .isEqualTo(event.getMessageId());
        assertThat(event.getHeaders()).containsEntry(SlackIntake.CHANNEL, ACME_CHANNEL)
                .containsEntry(SlackIntake.USER, "U0DANA").containsEntry(SlackIntake.TEAM, "T0AGENCY")
                .containsEntry(SlackIntake.THREAD_TS, ts).containsEntry(SlackIntake.CHANNEL_MAPPED, "true")
                .containsKey(SlackIntake.EVENT_ID);
    }

    @Test
    void aReplyInTheThreadJoinsItsConversation_andANewMessageStartsAnother() {
        String rootTs = ts();
        Response root = slack(messageEvent(ACME_CHANNEL, "U0DANA", rootTs, null, "The shop is slow", ""));
        clock.advance(Duration.ofSeconds(30));
        String replyTs = ts();
        Response reply = slack(messageEvent(ACME_CHANNEL, "U0SAM", replyTs, rootTs, "Now it is down",
                ",\"parent_user_id\":\"U0DANA\""));
        String otherTs = ts();
        Response other = slack(messageEvent(ACME_CHANNEL, "U0DANA", otherTs, null, "Unrelated: invoice question", ""));

        assertThat(root.text("status")).isEqualTo("accepted");
        assertThat(reply.text("status")).isEqualTo("accepted");
        assertThat(reply.text("conversationId")).isEqualTo(root.text("conversationId"))
                .isEqualTo(MessageIds.messageId("slack", ACME_CHANNEL + ":" + rootTs));
        assertThat(other.text("conversationId")).as("the same sender, a new thread").isNotEqualTo(root.text("conversationId"));
        assertThat(received(ACME_CHANNEL + ":" + replyTs).getFirst().getValue().getHeaders())
                .containsEntry(SlackIntake.THREAD_TS, rootTs);
    }

    @Test
    void forgedStaleAndUnsignedRequestsAre401AndPublishNothing() {
        String ts = ts();
        String body = messageEvent(ACME_CHANNEL, "U0MALLORY", ts, null, "Please wire money to ...", "");
        String now = Long.toString(clock.instant().getEpochSecond());

        Response forged = post(body, now, new SlackSignature.Generator("not-the-secret").generate(now, body));
        Response tampered = post(body.replace("wire money", "wire more money"), now,
                new SlackSignature.Generator(SLACK_SECRET).generate(now, body));
        Response unsigned = post(body, null, null);
        Response noTimestamp = post(body, null, new SlackSignature.Generator(SLACK_SECRET).generate(now, body));
        String signedNow = new SlackSignature.Generator(SLACK_SECRET).generate(now, body);
        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        Response stale = post(body, now, signedNow);

        for (Response refused : List.of(forged, tampered, unsigned, noTimestamp, stale)) {
            assertProblem(refused, 401, "X-Slack-Signature");
        }
        assertThat(stale.text("detail")).contains("not within 5 minutes");
        assertThat(received(ACME_CHANNEL + ":" + ts)).as("nothing published").isEmpty();
    }

    @Test
    void botMessagesEditsAndDeletesAreAcknowledgedCountedAndNotPublished() {
        double before = count("ignored");
        String botTs = ts();
        String editTs = ts();
        String joinTs = ts();

        Response bot = slack(messageEvent(ACME_CHANNEL, "U0BOT", botTs, null, "Deploy finished", ",\"bot_id\":\"B0CI\""));
        Response edit = slack(messageEvent(ACME_CHANNEL, "U0DANA", editTs, null, "edited",
                ",\"subtype\":\"message_changed\",\"hidden\":true"));
        Response join = slack(messageEvent(ACME_CHANNEL, "U0NEW", joinTs, null, "<@U0NEW> has joined the channel",
                ",\"subtype\":\"channel_join\""));
        Response reaction = slack("""
                {"type":"event_callback","team_id":"T0AGENCY","event_id":"Ev0REACTION","event_time":1,
                 "event":{"type":"reaction_added","user":"U0DANA","reaction":"thumbsup","item":{"type":"message",
                 "channel":"C0ACMESHOP","ts":"1.000001"},"event_ts":"1.000002"}}""");

        for (Response ignored : List.of(bot, edit, join, reaction)) {
            assertThat(ignored.status()).isEqualTo(200);
            assertThat(ignored.text("status")).isEqualTo("ignored");
        }
        assertThat(count("ignored") - before).isEqualTo(4);
        for (String ts : List.of(botTs, editTs, joinTs)) {
            assertThat(received(ACME_CHANNEL + ":" + ts)).isEmpty();
        }
    }

    @Test
    void aMessageInAChannelNoClientHasIsKeptUnresolvedWithWhoAndWhere() {
        String ts = ts();

        Response response = slack(messageEvent("C0NOBODY1", "U0STRANGER", ts, null, "Is anyone there?", ""));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.text("clientId")).isEqualTo(Topics.UNRESOLVED_CLIENT);
        List<Map.Entry<String, MessageReceived>> events = received("C0NOBODY1:" + ts);
        assertThat(events).hasSize(1);
        assertThat(events.getFirst().getKey()).isEqualTo(Topics.UNRESOLVED_CLIENT);
        MessageReceived event = events.getFirst().getValue();
        assertThat(event.getFrom()).isEqualTo("U0STRANGER");
        assertThat(event.getHeaders()).containsEntry(SlackIntake.CHANNEL, "C0NOBODY1")
                .containsEntry(SlackIntake.CHANNEL_MAPPED, "false").containsEntry(SlackIntake.TEAM, "T0AGENCY");
    }

    @Test
    void aSignedBodyThatIsNotJsonIs400() {
        Response response = slack("this is not json");

        assertProblem(response, 400, "body");
    }
}
