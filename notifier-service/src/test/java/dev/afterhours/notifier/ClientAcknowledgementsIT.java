package dev.afterhours.notifier;

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
import dev.afterhours.contracts.AutoReplyOutcome;
import dev.afterhours.contracts.AutoReplyRequested;
import dev.afterhours.contracts.Channel;
import dev.afterhours.contracts.ClientProfile;
import dev.afterhours.contracts.Topics;
import dev.afterhours.directory.DirectoryPublisher;
import dev.afterhours.directory.DirectoryView;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Acknowledgements on the channel the client wrote on, sent for real: the notifier against a real broker and
 * registry, WireMock standing in for Twilio's and Slack's APIs. A German client's text is answered by one German text
 * from the agency number it texted, with the short escalation hint; a Slack message by one reply in its thread; a
 * redelivery sends nothing more; an opted-out client gets nothing on any channel.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class ClientAcknowledgementsIT {

    static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    static final String ACCOUNT = "AC" + UUID.randomUUID().toString().replace("-", "");
    static final String PAGER_NUMBER = "+15550100998";
    static final String GERMAN = "bergmann-" + RUN;
    static final String SLACKING = "slack-ack-" + RUN;
    static final String QUIET = "quiet-sms-" + RUN;
    static final String LINE = "+4930" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
    static final String EMERGENCY_LINE = "+4930" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
    static final String CHANNEL = "C" + RUN.toUpperCase().replaceAll("[^A-Z0-9]", "0");

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
        TestEvents.providerProperties(registry, providers::baseUrl, ACCOUNT, "twilio-token-" + RUN, PAGER_NUMBER,
                "xoxb-test-" + RUN, "slack-secret-" + RUN);
    }

    @BeforeAll
    static void seed() {
        ensureTopics();
        TestEvents.acceptTexts(providers, "SM" + RUN);
        TestEvents.acceptSlackPosts(providers, CHANNEL);
        try (DirectoryPublisher publisher = TestEvents.loopbackPublisher()) {
            publisher.publish(ClientProfile.newBuilder(client(GERMAN, "Bergmann GmbH", "nobody-" + RUN, null))
                    .setLanguage("de").setPhoneLines(List.of(LINE)).setEmergencyLines(List.of(EMERGENCY_LINE))
                    .setEscalationWord("NOTFALL").build());
            publisher.publish(ClientProfile.newBuilder(client(SLACKING, "Slacking Ltd", "nobody-" + RUN, null))
                    .setSlackChannels(List.of(CHANNEL)).setEscalationWord("URGENT").build());
            publisher.publish(ClientProfile.newBuilder(client(QUIET, "Quiet Ltd", "nobody-" + RUN, null))
                    .setAcknowledgements(false).build());
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

    @Test
    void aGermanClientsTextIsAnsweredOnceInGermanFromTheNumberItTexted() {
        await().atMost(WAIT).until(() -> directory.client(GERMAN).isPresent());
        String sender = "+49151" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
        String text = "Danke, wir haben Ihre Nachricht. Unser Team ist bis Montag 09:00 (Europe/Berlin) nicht erreichbar; "
                + "Sie erhalten eine Antwort bis Montag 13:00.";
        AutoReplyRequested request = AutoReplyRequested.newBuilder(request("m-sms-" + RUN, GERMAN, Channel.SMS, sender, text))
                .setVia(LINE).setLanguage("de").build();
        send(Topics.AUTO_REPLIES.name(), GERMAN, request);

        await().atMost(WAIT).until(() -> texts(sender).size() == 1);
        Map<String, String> sms = texts(sender).getFirst();
        assertThat(sms.get("From")).isEqualTo(LINE);
        assertThat(sms.get("Body")).isEqualTo(text + " Notfall? Rufen Sie " + EMERGENCY_LINE
                + " an oder antworten Sie NOTFALL.");
        assertThat(outcomes(request.getRequestId(), 2)).containsExactly(AutoReplyOutcome.ATTEMPTED, AutoReplyOutcome.SENT);
        assertThat(count("sms", "sent")).isGreaterThanOrEqualTo(1);

        // Redelivered: counted as a duplicate, nothing more sent.
        double duplicates = count("sms", "duplicate");
        send(Topics.AUTO_REPLIES.name(), GERMAN, request);
        await().atMost(WAIT).until(() -> count("sms", "duplicate") > duplicates);
        assertThat(texts(sender)).hasSize(1);
    }

    @Test
    void aSlackMessageIsAnsweredOnceInItsThread() throws Exception {
        await().atMost(WAIT).until(() -> directory.client(SLACKING).isPresent());
        String thread = "1765000000." + RUN.hashCode();
        String text = "Thanks, we have your message. Our team is offline until Monday 09:00 (America/New_York); "
                + "expect an answer by Monday 13:00.";
        AutoReplyRequested request = AutoReplyRequested.newBuilder(
                        request("m-chat-" + RUN, SLACKING, Channel.CHAT, "U0DANA" + RUN, text))
                .setVia(CHANNEL).setThread(thread).build();
        send(Topics.AUTO_REPLIES.name(), SLACKING, request);

        await().atMost(WAIT).until(() -> posts(thread).size() == 1);
        JsonNode post = posts(thread).getFirst();
        assertThat(post.path("channel").asString()).isEqualTo(CHANNEL);
        assertThat(post.path("text").asString()).startsWith(text)
                .contains("reply to this message with the word \"URGENT\"");
        assertThat(outcomes(request.getRequestId(), 2)).containsExactly(AutoReplyOutcome.ATTEMPTED, AutoReplyOutcome.SENT);

        double duplicates = count("chat", "duplicate");
        send(Topics.AUTO_REPLIES.name(), SLACKING, request);
        await().atMost(WAIT).until(() -> count("chat", "duplicate") > duplicates);
        assertThat(posts(thread)).hasSize(1);
    }

    @Test
    void anOptedOutClientIsNotTexted() {
        await().atMost(WAIT).until(() -> directory.client(QUIET).isPresent());
        String sender = "+1555" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
        AutoReplyRequested request = request("m-quiet-" + RUN, QUIET, Channel.SMS, sender, "Thanks, we have it.");
        send(Topics.AUTO_REPLIES.name(), QUIET, request);

        assertThat(outcomes(request.getRequestId(), 1)).containsExactly(AutoReplyOutcome.OPTED_OUT);
        assertThat(count("sms", "opted-out")).isGreaterThanOrEqualTo(1);
        assertThat(texts(sender)).isEmpty();
    }

    @Test
    void aVoicemailFromAnAnonymousCallerIsCountedNotTextedAndEveryOutcomeIsRegisteredAtZero() {
        AutoReplyRequested request = AutoReplyRequested.newBuilder(
                request("m-voice-" + RUN, GERMAN, Channel.VOICE, "anonymous", "Danke.")).setVia(LINE).build();
        send(Topics.AUTO_REPLIES.name(), GERMAN, request);

        assertThat(outcomes(request.getRequestId(), 1)).containsExactly(AutoReplyOutcome.UNSUPPORTED_CHANNEL);
        assertThat(meters.find("afterhours.notifier.acknowledgements").tag("channel", "api").tag("outcome", "sent")
                .counter()).isNotNull();
    }

    private AutoReplyRequested request(String messageId, String clientId, Channel channel, String to, String text) {
        Instant now = clock.instant();
        return AutoReplyRequested.newBuilder().setRequestId(messageId + ":ack").setClientId(clientId)
                .setConversationId("c-" + messageId).setMessageId(messageId).setChannel(channel).setTo(to)
                .setExpectedAnswerBy(now.plus(Duration.ofHours(14))).setText(text).setRequestedAt(now).build();
    }

    private static List<Map<String, String>> texts(String to) {
        return TestEvents.textsTo(providers, to);
    }

    private static List<JsonNode> posts(String thread) {
        return TestEvents.slackPostsIn(providers, thread);
    }

    private static List<AutoReplyOutcome> outcomes(String requestId, int count) {
        return TestEvents.acknowledgementOutcomes(requestId, count);
    }

    private double count(String channel, String outcome) {
        return TestEvents.acknowledgementCount(meters, channel, outcome);
    }
}
