package dev.afterhours.notifier;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.afterhours.notifier.TestEvents.WAIT;
import static dev.afterhours.notifier.TestEvents.client;
import static dev.afterhours.notifier.TestEvents.ensureTopics;
import static dev.afterhours.notifier.TestEvents.freePort;
import static dev.afterhours.notifier.TestEvents.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.afterhours.contracts.Channel;
import dev.afterhours.contracts.ClientProfile;
import dev.afterhours.contracts.Direction;
import dev.afterhours.contracts.MessageReceived;
import dev.afterhours.contracts.ReplyOutcome;
import dev.afterhours.contracts.ReplyRecorded;
import dev.afterhours.contracts.ReplyRequested;
import dev.afterhours.contracts.Topics;
import dev.afterhours.directory.DirectoryPublisher;
import dev.afterhours.directory.DirectoryView;
import dev.afterhours.testkit.TopicProbe;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.internet.MimeMessage;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Staff replies written through ingest's API, sent for real by the notifier against a real broker and registry:
 * GreenMail as the mail server, WireMock as Twilio's and Slack's APIs. An e-mail reply is threaded to the client's
 * message and not marked automatic; a text goes from the line the client texted; a Slack reply joins the thread.
 * Each is sent once (a redelivery sends nothing more) and only then recorded OUTBOUND in its conversation on the
 * received topic (what stops the SLA clock); a send the provider refuses is FAILED on the status and publishes nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class StaffRepliesOutIT {

    static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    static final String ACCOUNT = "AC" + UUID.randomUUID().toString().replace("-", "");
    static final String CLIENT = "replies-" + RUN;
    static final String LINE = "+1555" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
    static final String CHANNEL = "C" + RUN.toUpperCase().replaceAll("[^A-Z0-9]", "0");
    /** Texts to this number are refused by "Twilio" with a 500, every time. */
    static final String BROKEN_PHONE = "+1555" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);

    static final WireMockServer providers = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
    static final WebhookReceiver webhooks = WebhookReceiver.start();
    static final int SMTP_PORT = freePort();
    static final GreenMail smtp = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

    static {
        providers.start();
        smtp.start();
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestEvents.notifierProperties(registry, SMTP_PORT, webhooks);
        registry.add("afterhours.notifier.retry-backoff", () -> "PT0.05S");
        registry.add("afterhours.notifier.acknowledgements.from", () -> "support@agency.example");
        TestEvents.providerProperties(registry, providers::baseUrl, ACCOUNT, "twilio-token-" + RUN, "+15550100998",
                "xoxb-test-" + RUN, "slack-secret-" + RUN);
    }

    @BeforeAll
    static void seed() {
        ensureTopics();
        TestEvents.acceptTexts(providers, "SM" + RUN);
        providers.stubFor(post(urlPathMatching("/2010-04-01/Accounts/.+/Messages.json"))
                .withRequestBody(containing("To=" + URLEncoder.encode(BROKEN_PHONE, StandardCharsets.UTF_8)))
                .atPriority(1)
                .willReturn(aResponse().withStatus(500).withBody("{\"message\": \"upstream trouble\"}")));
        TestEvents.acceptSlackPosts(providers, CHANNEL);
        try (DirectoryPublisher publisher = TestEvents.loopbackPublisher()) {
            publisher.publish(ClientProfile.newBuilder(client(CLIENT, "Replies Ltd", "nobody-" + RUN, null))
                    .setPhoneLines(List.of("+15550100999", LINE)).setSlackChannels(List.of(CHANNEL)).build());
        }
    }

    @AfterAll
    static void stop() {
        providers.stop();
        smtp.stop();
        webhooks.close();
    }

    @Autowired
    MeterRegistry meters;

    @Autowired
    DirectoryView directory;

    @Autowired
    Clock clock;

    @LocalServerPort
    int port;

    final JsonMapper json = JsonMapper.builder().build();

    @Test
    void anEmailReplyIsMailedOnceThreadedToTheClientsMessageThenRecordedOutboundInItsConversation() throws Exception {
        String dana = "dana-" + RUN + "@client.example";
        String original = "<m-" + RUN + "@client.example>";
        ReplyRequested request = ReplyRequested.newBuilder(request("email", Channel.EMAIL, "Dana <" + dana + ">", null, null))
                .setInReplyTo(original).setSubject("Re: Checkout").build();
        send(Topics.REPLIES.name(), CLIENT, request);

        await().atMost(WAIT).until(() -> mailsTo(dana).size() == 1);
        MimeMessage mail = mailsTo(dana).getFirst();
        assertThat(mail.getSubject()).isEqualTo("Re: Checkout");
        assertThat(mail.getHeader("In-Reply-To")).containsExactly(original);
        assertThat(mail.getHeader("References")).containsExactly(original);
        assertThat(mail.getHeader("Auto-Submitted")).as("a person wrote it").isNull();
        assertThat(mail.getHeader("X-Auto-Response-Suppress")).isNull();
        assertThat(TestEvents.recipient(mail)).isEqualTo("Dana <" + dana + ">");
        assertThat(mail.getFrom()[0].toString()).contains("support@agency.example");
        assertThat(mail.getContent().toString()).contains(request.getText());
        assertThat(outcomes(request.getReplyId(), 2)).containsExactly(ReplyOutcome.ATTEMPTED, ReplyOutcome.SENT);

        // Recorded OUTBOUND in the client's conversation: the scheduler stops the SLA clock on it.
        MessageReceived recorded = outbound(request.getReplyId(), 1).getFirst();
        assertThat(recorded.getDirection()).isEqualTo(Direction.OUTBOUND);
        assertThat(recorded.getConversationId()).isEqualTo(request.getConversationId());
        assertThat(recorded.getClientId()).isEqualTo(CLIENT);
        assertThat(recorded.getMessageId()).isEqualTo(request.getReply().getMessageId());

        HttpResponse<String> status = api().call("GET", "/api/v1/replies/" + request.getReplyId(), TestApi.staff("alice"), null);
        assertThat(status.statusCode()).isEqualTo(200);
        JsonNode view = json.readTree(status.body());
        assertThat(view.path("status").asString()).isEqualTo("SENT");
        assertThat(view.path("messageId").asString()).isEqualTo(recorded.getMessageId());
        assertThat(view.path("conversationId").asString()).isEqualTo(request.getConversationId());

        // Redelivered: counted as a duplicate, nothing more mailed or recorded.
        double duplicates = count("email", "duplicate");
        send(Topics.REPLIES.name(), CLIENT, request);
        await().atMost(WAIT).until(() -> count("email", "duplicate") > duplicates);
        assertThat(mailsTo(dana)).hasSize(1);
        assertThat(outbound(request.getReplyId(), 1)).hasSize(1);
        assertThat(count("email", "sent")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void aTextReplyGoesFromTheLineTheClientTexted() {
        await().atMost(WAIT).until(() -> directory.client(CLIENT).isPresent());
        String sender = "+1555" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
        ReplyRequested request = request("sms", Channel.SMS, sender, LINE, null);
        send(Topics.REPLIES.name(), CLIENT, request);

        await().atMost(WAIT).until(() -> TestEvents.textsTo(providers, sender).size() == 1);
        Map<String, String> text = TestEvents.textsTo(providers, sender).getFirst();
        assertThat(text.get("From")).isEqualTo(LINE);
        assertThat(text.get("Body")).isEqualTo(request.getText());
        assertThat(outbound(request.getReplyId(), 1).getFirst().getDirection()).isEqualTo(Direction.OUTBOUND);
    }

    @Test
    void aSlackReplyJoinsTheClientsThread() {
        String thread = "1765000000." + Math.abs(RUN.hashCode());
        ReplyRequested request = request("chat", Channel.CHAT, "U0DANA" + RUN, CHANNEL, thread);
        send(Topics.REPLIES.name(), CLIENT, request);

        await().atMost(WAIT).until(() -> posts(thread).size() == 1);
        JsonNode post = posts(thread).getFirst();
        assertThat(post.path("channel").asString()).isEqualTo(CHANNEL);
        assertThat(post.path("text").asString()).isEqualTo("Fixed &amp; deployed, sorry for the trouble (" + "chat" + ").");
        assertThat(outcomes(request.getReplyId(), 2)).containsExactly(ReplyOutcome.ATTEMPTED, ReplyOutcome.SENT);
        assertThat(outbound(request.getReplyId(), 1)).hasSize(1);
    }

    @Test
    void aSendTheProviderRefusesIsFailedOnTheStatusAndRecordsNothingOutbound() throws Exception {
        await().atMost(WAIT).until(() -> directory.client(CLIENT).isPresent());
        double failed = count("sms", "failed");
        ReplyRequested request = request("failing", Channel.SMS, BROKEN_PHONE, LINE, null);
        send(Topics.REPLIES.name(), CLIENT, request);

        assertThat(outcomes(request.getReplyId(), 2)).containsExactly(ReplyOutcome.ATTEMPTED, ReplyOutcome.FAILED);
        assertThat(count("sms", "failed")).isGreaterThan(failed);
        HttpResponse<String> status = api().call("GET", "/api/v1/replies/" + request.getReplyId(), TestApi.staff("alice"), null);
        JsonNode view = json.readTree(status.body());
        assertThat(view.path("status").asString()).isEqualTo("FAILED");
        assertThat(view.path("error").asString()).isNotBlank();
        assertThat(view.path("messageId").isNull()).isTrue();
        // The client got nothing: the SLA keeps running, nothing says otherwise.
        assertThat(outboundNow(request.getReplyId())).isEmpty();

        assertThat(api().call("GET", "/api/v1/replies/" + request.getReplyId(), TestApi.viewer(), null).statusCode())
                .isEqualTo(403);
        assertThat(api().call("GET", "/api/v1/replies/" + request.getReplyId(), null, null).statusCode()).isEqualTo(401);
        assertThat(api().call("GET", "/api/v1/replies/no-such-" + RUN, TestApi.staff("alice"), null).statusCode())
                .isEqualTo(404);
    }

    private ReplyRequested request(String what, Channel channel, String to, @Nullable String via,
            @Nullable String thread) {
        String replyId = "reply-" + what + "-" + RUN;
        String conversationId = "c-" + what + "-" + RUN;
        String text = "Fixed & deployed, sorry for the trouble (" + what + ").";
        MessageReceived reply = MessageReceived.newBuilder().setMessageId("out-" + replyId).setClientId(CLIENT)
                .setConversationId(conversationId).setChannel(channel).setDirection(Direction.OUTBOUND)
                .setProvider("afterhours").setProviderMessageId(replyId).setFrom(via == null ? "afterhours" : via)
                .setTo(List.of(to)).setBody(text).setReceivedAt(clock.instant())
                .setHeaders(Map.of("x-afterhours-staff-id", "alice")).build();
        return ReplyRequested.newBuilder().setReplyId(replyId).setClientId(CLIENT).setConversationId(conversationId)
                .setInReplyToMessageId("in-" + what + "-" + RUN).setChannel(channel).setTo(to).setVia(via)
                .setThread(thread).setText(text).setRequestedBy("alice").setRequestedAt(clock.instant())
                .setReply(reply).build();
    }

    private TestApi api() {
        return new TestApi(port);
    }

    private static List<MimeMessage> mailsTo(String to) {
        // The recipient as the client's mail program named them ("Dana <dana@...>"): matched on the address.
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> TestEvents.recipient(m).contains("<" + to + ">"))
                .toList();
    }

    private static List<JsonNode> posts(String thread) {
        return TestEvents.slackPostsIn(providers, thread);
    }

    /** The outcomes recorded for this reply, in order, once there are at least {@code count}. */
    private static List<ReplyOutcome> outcomes(String replyId, int count) {
        List<ReplyOutcome> outcomes = outcomes(TopicProbe.readUntil(Topics.NOTIFIER_REPLIES,
                records -> outcomes(records, replyId).size() >= count, WAIT), replyId);
        assertThat(outcomes).as("outcomes of %s", replyId).hasSizeGreaterThanOrEqualTo(count);
        return outcomes;
    }

    private static List<ReplyOutcome> outcomes(List<ConsumerRecord<byte[], byte[]>> records, String replyId) {
        return records.stream()
                .map(r -> (ReplyRecorded) TestEvents.decoder().deserialize(Topics.NOTIFIER_REPLIES.name(), r.value()))
                .filter(r -> r.getReplyId().equals(replyId)).map(ReplyRecorded::getOutcome).toList();
    }

    /** The committed records of this reply on the received topic, once there are at least {@code count}. */
    private static List<MessageReceived> outbound(String replyId, int count) {
        List<MessageReceived> found = outbound(TopicProbe.readUntil(Topics.MESSAGES_RECEIVED,
                records -> outbound(records, replyId).size() >= count, WAIT), replyId);
        assertThat(found).as("OUTBOUND records of %s", replyId).hasSizeGreaterThanOrEqualTo(count);
        return found;
    }

    /**
     * The committed records of this reply on the received topic: all of it, read for a few seconds. Enough after the
     * reply's FAILED: an OUTBOUND record could only have been written before it.
     */
    private static List<MessageReceived> outboundNow(String replyId) {
        return outbound(TopicProbe.readUntil(Topics.MESSAGES_RECEIVED, records -> false, Duration.ofSeconds(5)), replyId);
    }

    private static List<MessageReceived> outbound(List<ConsumerRecord<byte[], byte[]>> records, String replyId) {
        return records.stream()
                .map(r -> (MessageReceived) TestEvents.decoder().deserialize(Topics.MESSAGES_RECEIVED.name(), r.value()))
                .filter(m -> m.getProviderMessageId().equals(replyId)).toList();
    }

    private double count(String channel, String outcome) {
        Counter counter = meters.find("afterhours.notifier.replies").tag("channel", channel).tag("outcome", outcome)
                .counter();
        return counter == null ? 0 : counter.count();
    }
}
