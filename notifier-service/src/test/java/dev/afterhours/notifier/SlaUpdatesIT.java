package dev.afterhours.notifier;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.afterhours.notifier.TestEvents.WAIT;
import static dev.afterhours.notifier.TestEvents.client;
import static dev.afterhours.notifier.TestEvents.ensureTopics;
import static dev.afterhours.notifier.TestEvents.freePort;
import static dev.afterhours.notifier.TestEvents.recipient;
import static dev.afterhours.notifier.TestEvents.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.afterhours.contracts.AutoReplyKind;
import dev.afterhours.contracts.AutoReplyOutcome;
import dev.afterhours.contracts.AutoReplyRecorded;
import dev.afterhours.contracts.AutoReplyRequested;
import dev.afterhours.contracts.Channel;
import dev.afterhours.contracts.ClientProfile;
import dev.afterhours.contracts.Topics;
import dev.afterhours.directory.DirectoryPublisher;
import dev.afterhours.directory.DirectoryView;
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

/**
 * The update a client gets when the SLA of its message was breached unanswered, sent for real: the scheduler's
 * {@code AutoReplyRequested} of kind {@code SLA_UPDATE} becomes one e-mail at GreenMail, after the message's
 * acknowledgement and apart from it, threaded and marked automatic (RFC 3834), with the scheduler's new time as written
 * and how to escalate; one text from the agency line the client texted (WireMock as Twilio); a redelivery, or a
 * restarted notifier, sends nothing more; an opted-out client gets none.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class SlaUpdatesIT {

    static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    static final String ACCOUNT = "AC" + UUID.randomUUID().toString().replace("-", "");
    static final String CLIENT = "late-" + RUN;
    static final String FRENCH = "retard-" + RUN;
    static final String OPTED_OUT = "late-quiet-" + RUN;
    static final String FROM = "desk-" + RUN + "@agency.example";
    static final String LINE = "+3314" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
    /** The scheduler's text (SlaTopologyTest checks it is computed so): the new time, in the client's zone. */
    static final String UPDATE = "We have not answered your message yet, and we are sorry for the wait. We now expect "
            + "to answer by Wednesday 09:30 (America/New_York).";

    static final WireMockServer twilio = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
    static final WebhookReceiver webhooks = WebhookReceiver.start();
    static final int SMTP_PORT = freePort();
    static final GreenMail smtp = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

    static {
        twilio.start();
        smtp.start();
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestEvents.notifierProperties(registry, SMTP_PORT, webhooks);
        registry.add("afterhours.notifier.acknowledgements.from", () -> FROM);
        registry.add("afterhours.notifier.retry-backoff", () -> "PT0.05S");
        TestEvents.providerProperties(registry, twilio::baseUrl, ACCOUNT, "twilio-token-" + RUN, "+15550100997",
                "xoxb-test-" + RUN, "slack-secret-" + RUN);
    }

    @BeforeAll
    static void seed() {
        ensureTopics();
        TestEvents.acceptTexts(twilio, "SM" + RUN);
        try (DirectoryPublisher publisher = TestEvents.loopbackPublisher()) {
            publisher.publish(ClientProfile.newBuilder(client(CLIENT, "Acme Bakery", "nobody-" + RUN, null))
                    .setEmergencyLines(List.of("+1 212 555 0100")).setEscalationWord("URGENT").build());
            publisher.publish(ClientProfile.newBuilder(client(FRENCH, "Boulangerie Martin", "nobody-" + RUN, null))
                    .setLanguage("fr").setPhoneLines(List.of(LINE)).setEscalationWord("URGENCE").build());
            publisher.publish(ClientProfile.newBuilder(client(OPTED_OUT, "Quiet Ltd", "nobody-" + RUN, null))
                    .setAcknowledgements(false).build());
        }
    }

    @AfterAll
    static void stop() {
        twilio.stop();
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
    void aBreachedSlaSendsOneUpdateByMailAfterTheAcknowledgementAndARedeliverySendsNothingMore() throws Exception {
        await().atMost(WAIT).until(() -> directory.client(CLIENT).isPresent());
        String to = "dana-" + RUN + "@acme.example";
        String messageId = "m-late-" + RUN;
        String original = "<orig-" + RUN + "@acme.example>";
        AutoReplyRequested ack = AutoReplyRequested.newBuilder(request(messageId, CLIENT, Channel.EMAIL, to,
                        "Thanks, we have your message.")).setRequestId(messageId + ":ack")
                .setKind(AutoReplyKind.ACKNOWLEDGEMENT).setSubject("Oven broken").setInReplyTo(original).build();
        send(Topics.AUTO_REPLIES.name(), CLIENT, ack);
        await().atMost(WAIT).until(() -> mailTo(to).size() == 1);

        AutoReplyRequested update = AutoReplyRequested.newBuilder(request(messageId, CLIENT, Channel.EMAIL, to, UPDATE))
                .setSubject("Oven broken").setInReplyTo(original).build();
        send(Topics.AUTO_REPLIES.name(), CLIENT, update);

        await().atMost(WAIT).until(() -> mailTo(to).size() == 2);
        MimeMessage mail = mailTo(to).get(1);
        assertThat(mail.getHeader(dev.afterhours.notifier.acknowledgement.AcknowledgementMail.REQUEST_ID_HEADER))
                .containsExactly(messageId + ":update");
        assertThat(mail.getFrom()[0].toString()).isEqualTo(FROM);
        assertThat(mail.getSubject()).isEqualTo("Re: Oven broken");
        assertThat(mail.getHeader("Auto-Submitted")).containsExactly("auto-replied");
        assertThat(mail.getHeader("In-Reply-To")).containsExactly(original);
        assertThat(mail.getHeader("References")).containsExactly(original);
        assertThat(String.valueOf(mail.getContent())).startsWith(UPDATE)
                .contains("Wednesday 09:30 (America/New_York)")
                .contains("+1 212 555 0100")
                .contains("reply to this message with the word \"URGENT\"");
        assertThat(outcomes(update.getRequestId(), 2)).containsExactly(AutoReplyOutcome.ATTEMPTED, AutoReplyOutcome.SENT);
        assertThat(TestEvents.slaUpdateCount(meters, "email", "sent")).isGreaterThanOrEqualTo(1);

        // Redelivered: a duplicate, nothing more sent.
        double duplicates = TestEvents.slaUpdateCount(meters, "email", "duplicate");
        send(Topics.AUTO_REPLIES.name(), CLIENT, update);
        await().atMost(WAIT).until(() -> TestEvents.slaUpdateCount(meters, "email", "duplicate") > duplicates);
        assertThat(mailTo(to)).hasSize(2);

        // A restarted notifier reads the outcomes topic from its beginning: it knows the update was sent, and of which
        // kind it was.
        AcknowledgementLedger afterRestart = new AcknowledgementLedger();
        List<AutoReplyRecorded> recorded = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (TopicFollower<AutoReplyRecorded> reader = TopicFollower.start(AfterhoursTestEnvironment.bootstrapServers(),
                AfterhoursTestEnvironment.registryUrl(), Topics.AUTO_REPLY_OUTCOMES, null, Clock.systemUTC(),
                r -> {
                    afterRestart.apply(r);
                    recorded.add(r);
                })) {
            assertThat(reader.awaitLoaded(WAIT)).isTrue();
        }
        assertThat(afterRestart.outcome(update.getRequestId())).isEqualTo(AutoReplyOutcome.SENT);
        assertThat(recorded).filteredOn(r -> r.getRequestId().equals(update.getRequestId()))
                .extracting(AutoReplyRecorded::getKind).containsOnly(AutoReplyKind.SLA_UPDATE);
    }

    @Test
    void aFrenchClientsTextIsUpdatedOnceInFrenchFromTheLineItTexted() {
        await().atMost(WAIT).until(() -> directory.client(FRENCH).isPresent());
        String sender = "+336" + ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999);
        String text = "Nous n'avons pas encore répondu à votre message, veuillez nous excuser pour l'attente. Vous aurez "
                + "désormais une réponse d'ici mercredi 09:30 (Europe/Paris).";
        AutoReplyRequested update = AutoReplyRequested.newBuilder(
                request("m-fr-" + RUN, FRENCH, Channel.SMS, sender, text)).setVia(LINE).setLanguage("fr").build();
        send(Topics.AUTO_REPLIES.name(), FRENCH, update);

        await().atMost(WAIT).until(() -> texts(sender).size() == 1);
        Map<String, String> sms = texts(sender).getFirst();
        assertThat(sms.get("From")).isEqualTo(LINE);
        // The scheduler's text (all in the GSM alphabet, é and à included), then the short French escalation hint.
        assertThat(sms.get("Body")).isEqualTo(text + " Urgence ? Répondez URGENCE.");
        assertThat(outcomes(update.getRequestId(), 2)).containsExactly(AutoReplyOutcome.ATTEMPTED, AutoReplyOutcome.SENT);

        double duplicates = TestEvents.slaUpdateCount(meters, "sms", "duplicate");
        send(Topics.AUTO_REPLIES.name(), FRENCH, update);
        await().atMost(WAIT).until(() -> TestEvents.slaUpdateCount(meters, "sms", "duplicate") > duplicates);
        assertThat(texts(sender)).hasSize(1);
    }

    @Test
    void anOptedOutClientGetsNoUpdate() throws Exception {
        await().atMost(WAIT).until(() -> directory.client(OPTED_OUT).isPresent());
        String to = "olga-" + RUN + "@quiet.example";
        AutoReplyRequested update = request("m-quiet-" + RUN, OPTED_OUT, Channel.EMAIL, to, UPDATE);
        double before = TestEvents.slaUpdateCount(meters, "email", "opted-out");
        send(Topics.AUTO_REPLIES.name(), OPTED_OUT, update);

        assertThat(outcomes(update.getRequestId(), 1)).containsExactly(AutoReplyOutcome.OPTED_OUT);
        assertThat(TestEvents.slaUpdateCount(meters, "email", "opted-out")).isEqualTo(before + 1);
        assertThat(mailTo(to)).isEmpty();
    }

    /** An update as the scheduler asks for it when the SLA of {@code messageId} is breached. */
    private AutoReplyRequested request(String messageId, String clientId, Channel channel, String to, String text) {
        Instant now = clock.instant();
        return AutoReplyRequested.newBuilder().setRequestId(messageId + ":update").setKind(AutoReplyKind.SLA_UPDATE)
                .setClientId(clientId).setConversationId("c-" + messageId).setMessageId(messageId).setChannel(channel)
                .setTo(to).setExpectedAnswerBy(now.plus(Duration.ofHours(14))).setText(text).setRequestedAt(now)
                .build();
    }

    private static List<MimeMessage> mailTo(String to) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> recipient(m).equals(to)).toList();
    }

    private static List<Map<String, String>> texts(String to) {
        return TestEvents.textsTo(twilio, to);
    }

    private static List<AutoReplyOutcome> outcomes(String requestId, int count) {
        return TestEvents.acknowledgementOutcomes(requestId, count);
    }
}
