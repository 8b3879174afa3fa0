package dev.afterhours.notifier;

import static dev.afterhours.notifier.TestEvents.WAIT;
import static dev.afterhours.notifier.TestEvents.client;
import static dev.afterhours.notifier.TestEvents.ensureTopics;
import static dev.afterhours.notifier.TestEvents.freePort;
import static dev.afterhours.notifier.TestEvents.recipient;
import static dev.afterhours.notifier.TestEvents.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.afterhours.contracts.AutoReplyOutcome;
import dev.afterhours.contracts.AutoReplyRecorded;
import dev.afterhours.contracts.AutoReplyRequested;
import dev.afterhours.contracts.Channel;
import dev.afterhours.contracts.ClientProfile;
import dev.afterhours.contracts.Topics;
import dev.afterhours.directory.DirectoryPublisher;
import dev.afterhours.notifier.acknowledgement.AcknowledgementLedger;
import dev.afterhours.notifier.kafka.TopicFollower;
import dev.afterhours.testkit.AfterhoursTestEnvironment;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The acknowledgement a client is owed, sent for real: an {@code AutoReplyRequested} on the broker becomes one e-mail
 * at a GreenMail SMTP server, from the agency's address, threaded and marked as automatic (RFC 3834), stating the
 * scheduler's expected-answer sentence and how to escalate; a redelivery sends nothing more; an opted-out client and
 * a channel not delivered yet get nothing, and say so on the outcomes topic and in the metric.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class AcknowledgementsIT {

    static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    static final String CLIENT = "ack-" + RUN;
    static final String OPTED_OUT = "ack-quiet-" + RUN;
    static final String FROM = "desk-" + RUN + "@agency.example";
    static final WebhookReceiver webhooks = WebhookReceiver.start();
    static final int SMTP_PORT = freePort();
    static final GreenMail smtp = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

    static {
        smtp.start();
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestEvents.notifierProperties(registry, SMTP_PORT, webhooks);
        registry.add("afterhours.notifier.acknowledgements.from", () -> FROM);
    }

    @BeforeAll
    static void directory() {
        ensureTopics();
        try (DirectoryPublisher publisher = TestEvents.loopbackPublisher()) {
            publisher.publish(ClientProfile.newBuilder(client(CLIENT, "Acme Bakery", "nobody-" + RUN, null))
                    .setEmergencyLines(List.of("+1 212 555 0100")).setEscalationWord("URGENT").build());
            publisher.publish(ClientProfile.newBuilder(client(OPTED_OUT, "Quiet Ltd", "nobody-" + RUN, null))
                    .setAcknowledgements(false).build());
        }
    }

    @AfterAll
    static void stop() {
        smtp.stop();
        webhooks.close();
    }

    @Autowired
    MeterRegistry meters;

    @Test
    void anEmailRequestIsSentOnceFromTheAgencyAsAnRfc3834AutoReplyThreadedWithTheOriginal() throws Exception {
        String to = "dana-" + RUN + "@acme.example";
        String expected = "Thanks, we have your message. Our team is offline until Monday 09:00 (America/New_York); "
                + "expect an answer by Monday 13:00.";
        AutoReplyRequested request = AutoReplyRequested.newBuilder(request("m-mail-" + RUN, CLIENT, Channel.EMAIL, to, expected))
                .setSubject("Oven broken").setInReplyTo("<orig-" + RUN + "@acme.example>").build();
        send(Topics.AUTO_REPLIES.name(), CLIENT, request);

        await().atMost(WAIT).until(() -> mailTo(to).size() == 1);
        MimeMessage mail = mailTo(to).getFirst();
        assertThat(mail.getFrom()[0].toString()).isEqualTo(FROM);
        assertThat(mail.getSubject()).isEqualTo("Re: Oven broken");
        assertThat(mail.getHeader("Auto-Submitted")).containsExactly("auto-replied");
        assertThat(mail.getHeader("X-Auto-Response-Suppress")).containsExactly("All");
        assertThat(mail.getHeader("In-Reply-To")).containsExactly("<orig-" + RUN + "@acme.example>");
        assertThat(mail.getHeader("References")).containsExactly("<orig-" + RUN + "@acme.example>");
        String body = String.valueOf(mail.getContent());
        assertThat(body).contains(expected)
                .contains("+1 212 555 0100")
                .contains("reply to this message with the word \"URGENT\"");
        assertThat(outcomes(request.getRequestId(), 2)).containsExactly(AutoReplyOutcome.ATTEMPTED, AutoReplyOutcome.SENT);
        assertThat(count("email", "sent")).isGreaterThanOrEqualTo(1);

        // The same request again (a redelivery, a replay): nothing more is sent.
        double duplicates = count("email", "duplicate");
        send(Topics.AUTO_REPLIES.name(), CLIENT, request);
        await().atMost(WAIT).until(() -> count("email", "duplicate") > duplicates);
        assertThat(mailTo(to)).hasSize(1);

        // A restarted notifier reads the outcomes topic from its beginning: it knows this one was sent.
        AcknowledgementLedger afterRestart = new AcknowledgementLedger();
        try (TopicFollower<AutoReplyRecorded> reader = TopicFollower.start(AfterhoursTestEnvironment.bootstrapServers(),
                AfterhoursTestEnvironment.registryUrl(), Topics.AUTO_REPLY_OUTCOMES, null, Clock.systemUTC(),
                afterRestart::apply)) {
            assertThat(reader.awaitLoaded(WAIT)).isTrue();
        }
        assertThat(afterRestart.outcome(request.getRequestId())).isEqualTo(AutoReplyOutcome.SENT);
    }

    @Test
    void anOptedOutClientGetsNothing() throws Exception {
        String to = "olga-" + RUN + "@quiet.example";
        AutoReplyRequested request = request("m-quiet-" + RUN, OPTED_OUT, Channel.EMAIL, to, "Thanks, we have it.");
        send(Topics.AUTO_REPLIES.name(), OPTED_OUT, request);

        assertThat(outcomes(request.getRequestId(), 1)).containsExactly(AutoReplyOutcome.OPTED_OUT);
        assertThat(count("email", "opted-out")).isGreaterThanOrEqualTo(1);
        assertThat(mailTo(to)).isEmpty();
    }

    @Test
    void anSmsRequestIsNotDeliveredYetAndIsCounted() throws Exception {
        String to = "+1555" + Math.abs(RUN.hashCode() % 10_000_000);
        AutoReplyRequested request = request("m-sms-" + RUN, CLIENT, Channel.SMS, to, "Thanks, we have it.");
        double before = count("sms", "unsupported-channel");
        send(Topics.AUTO_REPLIES.name(), CLIENT, request);

        assertThat(outcomes(request.getRequestId(), 1)).containsExactly(AutoReplyOutcome.UNSUPPORTED_CHANNEL);
        assertThat(count("sms", "unsupported-channel")).isEqualTo(before + 1);
        assertThat(mailTo(to)).isEmpty();
    }

    private static AutoReplyRequested request(String messageId, String clientId, Channel channel, String to, String text) {
        Instant now = Instant.now();
        return AutoReplyRequested.newBuilder().setRequestId(messageId + ":ack").setClientId(clientId)
                .setConversationId("c-" + messageId).setMessageId(messageId).setChannel(channel).setTo(to)
                .setExpectedAnswerBy(now.plus(Duration.ofHours(14))).setText(text).setRequestedAt(now).build();
    }

    private static List<MimeMessage> mailTo(String to) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> recipient(m).equals(to)).toList();
    }

    private static List<AutoReplyOutcome> outcomes(String requestId, int count) {
        return TestEvents.acknowledgementOutcomes(requestId, count);
    }

    private double count(String channel, String outcome) {
        return TestEvents.acknowledgementCount(meters, channel, outcome);
    }
}
