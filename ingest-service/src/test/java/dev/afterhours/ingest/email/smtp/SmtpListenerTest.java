package dev.afterhours.ingest.email.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.afterhours.contracts.MessageReceived;
import dev.afterhours.ingest.email.EmailIntake;
import dev.afterhours.ingest.email.TestMail;
import dev.afterhours.ingest.message.ConversationThreader;
import dev.afterhours.ingest.message.IngestMetrics;
import dev.afterhours.ingest.message.MessageIntake;
import dev.afterhours.ingest.message.PipelineBehindException;
import dev.afterhours.ingest.message.PublishFailedException;
import dev.afterhours.ingest.message.ReceivedIndex;
import dev.afterhours.ingest.message.kafka.KafkaReceivedMessageSink;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/**
 * The listener on a free port, spoken to by a real SMTP client, in front of the real intake with an in-memory sink
 * that can be made to fail as Kafka does, and once with a real producer that has no broker behind it (the ITs use
 * the real broker). SMTP replies are what is checked here: 250 only once published, 451 when the
 * write failed, 550 for a foreign recipient, 552 for too much.
 */
class SmtpListenerTest {

    private static final String DANA = "dana@acme-shop.example";
    private static final String SUPPORT = "support@agency.example";

    private final List<MessageReceived> published = Collections.synchronizedList(new ArrayList<>());
    private final AtomicReference<@Nullable RuntimeException> sinkFailure = new AtomicReference<>();
    private final AtomicReference<@Nullable String> notReady = new AtomicReference<>();
    private final AtomicReference<@Nullable PipelineBehindException> behind = new AtomicReference<>();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ReceivedIndex index = new ReceivedIndex();
    private final MessageIntake intake = new MessageIntake(index, new ConversationThreader(index, Duration.ofDays(7)),
            a -> a.contains(DANA) ? Optional.of("acme-shop") : Optional.empty(),
            (event, counterpart) -> {
                RuntimeException failure = sinkFailure.get();
                if (failure != null) {
                    throw failure;
                }
                published.add(event);
            },
            notReady::get, message -> behind.get(), new IngestMetrics(meters), Clock.systemUTC());
    private final SmtpListener listener = new SmtpListener(
            new SmtpProperties(true, 0, "127.0.0.1", "mx.agency.example", List.of("agency.example", "help@other.example")),
            DataSize.ofKilobytes(64), new EmailIntake(intake, new IngestMetrics(meters)), meters);
    private Session session;

    @BeforeEach
    void start() {
        listener.start();
        session = TestMail.session(listener.port());
    }

    @AfterEach
    void stop() {
        listener.stop();
    }

    private MimeMessage mail(String id, String to, String body) {
        return TestMail.text(session, id, DANA, to, "Checkout", body);
    }

    @Test
    void mailForAnAcceptedRecipientIsPublishedBeforeThe250() {
        String id = TestMail.messageId();

        assertThat(TestMail.refusal(mail(id, SUPPORT, "Checkout is broken."))).isNull();

        assertThat(published).singleElement().satisfies(event -> {
            assertThat(event.getProviderMessageId()).isEqualTo(id);
            assertThat(event.getClientId()).isEqualTo("acme-shop");
            assertThat(event.getBody()).isEqualTo("Checkout is broken.");
            assertThat(event.getTo()).containsExactly(SUPPORT);
        });
        assertThat(TestMail.refusal(mail(TestMail.messageId(), "Help@Other.example", "by address"))).isNull();
        assertThat(meters.get(SmtpListener.TRANSACTIONS).tag("outcome", "accepted").counter().count()).isEqualTo(2.0);
    }

    @Test
    void aRecipientOutsideTheAcceptedDomainsIsRefusedWith550AndNothingIsPublished() {
        assertThat(TestMail.refusal(mail(TestMail.messageId(), "victim@elsewhere.example", "relay me"))).isEqualTo(550);
        assertThat(TestMail.refusal(mail(TestMail.messageId(), "someone@sub.agency.example", "not ours"))).isEqualTo(550);
        // one foreign recipient among accepted ones: the client gives up the whole transaction
        assertThat(TestMail.refusal(mail(TestMail.messageId(), SUPPORT + ", victim@elsewhere.example", "mixed")))
                .isEqualTo(550);

        assertThat(published).isEmpty();
        assertThat(meters.get(SmtpListener.TRANSACTIONS).tag("outcome", "refused_recipient").counter().count())
                .isGreaterThanOrEqualTo(3.0);
    }

    @Test
    void whenKafkaDoesNotTakeTheMessageTheSenderIsToldToRetryWith451AndTheRetryIsAccepted() {
        String id = TestMail.messageId();
        sinkFailure.set(new PublishFailedException("Kafka did not acknowledge the message", new RuntimeException()));

        assertThat(TestMail.refusal(mail(id, SUPPORT, "Checkout is broken."))).isEqualTo(451);
        assertThat(published).isEmpty();

        sinkFailure.set(null);
        assertThat(TestMail.refusal(mail(id, SUPPORT, "Checkout is broken."))).isNull();
        assertThat(published).singleElement().satisfies(e -> assertThat(e.getProviderMessageId()).isEqualTo(id));
    }

    @Test
    void withARealProducerAndNoBrokerTheAnswerIs451() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        KafkaProducer<String, MessageReceived> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + closedPort, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 1000, ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 1000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 500), new StringSerializer(), (topic, value) -> new byte[] {0});
        ReceivedIndex empty = new ReceivedIndex();
        try (KafkaReceivedMessageSink kafka = new KafkaReceivedMessageSink(producer, Duration.ofSeconds(5))) {
            MessageIntake toNowhere = new MessageIntake(empty, new ConversationThreader(empty, Duration.ofDays(7)),
                    a -> Optional.empty(), kafka, () -> null, new IngestMetrics(meters), Clock.systemUTC());
            SmtpListener noBroker = new SmtpListener(new SmtpProperties(true, 0, "127.0.0.1", null,
                    List.of("agency.example")), DataSize.ofKilobytes(64), new EmailIntake(toNowhere,
                    new IngestMetrics(meters)), meters);
            noBroker.start();
            try {
                assertThat(TestMail.refusal(TestMail.text(TestMail.session(noBroker.port()), TestMail.messageId(), DANA,
                        SUPPORT, "Checkout", "Checkout is broken."))).isEqualTo(451);
            } finally {
                noBroker.stop();
            }
        }
        assertThat(meters.get(SmtpListener.TRANSACTIONS).tag("outcome", "unavailable").counter().count()).isEqualTo(1.0);
    }

    @Test
    void whileTheInstanceIsLoadingTheSenderIsToldToRetryWith451() {
        notReady.set("the directory is still loading");

        assertThat(TestMail.refusal(mail(TestMail.messageId(), SUPPORT, "hello"))).isEqualTo(451);
        assertThat(published).isEmpty();
    }

    @Test
    void whileThePipelineIsBehindRoutineMailIsDeferredWith451() {
        behind.set(new PipelineBehindException(60_000, 50_000, 30));

        assertThat(TestMail.refusal(mail(TestMail.messageId(), SUPPORT, "routine"))).isEqualTo(451);
        assertThat(published).isEmpty();
        assertThat(meters.get(SmtpListener.TRANSACTIONS).tag("outcome", "deferred").counter().count()).isEqualTo(1.0);

        behind.set(null);
        assertThat(TestMail.refusal(mail(TestMail.messageId(), SUPPORT, "later"))).isNull();
        assertThat(published).hasSize(1);
    }

    @Test
    void aMessageOverTheLimitIsRefusedWith552() {
        assertThat(TestMail.refusal(mail(TestMail.messageId(), SUPPORT, "x".repeat(100_000)))).isEqualTo(552);

        assertThat(published).isEmpty();
        assertThat(TestMail.refusal(mail(TestMail.messageId(), SUPPORT, "small again"))).isNull();
    }

    @Test
    void theSameMessageTwiceIsPublishedOnce() {
        String id = TestMail.messageId();

        assertThat(TestMail.refusal(mail(id, SUPPORT, "once"))).isNull();
        assertThat(TestMail.refusal(mail(id, SUPPORT, "once"))).isNull();

        assertThat(published).hasSize(1);
        assertThat(meters.get(SmtpListener.TRANSACTIONS).tag("outcome", "duplicate").counter().count()).isEqualTo(1.0);
    }

    @Test
    void withoutAPortOrWhenDisabledThereIsNoListener() {
        EmailIntake email = new EmailIntake(intake, new IngestMetrics(meters));
        for (SmtpProperties off : List.of(new SmtpProperties(true, null, "127.0.0.1", null, List.of()),
                new SmtpProperties(false, 2525, "127.0.0.1", null, List.of()))) {
            SmtpListener none = new SmtpListener(off, DataSize.ofKilobytes(64), email, meters);
            none.start();
            assertThat(none.isRunning()).isFalse();
            assertThat(none.port()).isEqualTo(-1);
            none.stop();
        }
    }

    @Test
    void aListenerWithoutAcceptedRecipientsDoesNotStartAndRecipientsCompareAsAddresses() {
        assertThatThrownBy(() -> new SmtpProperties(true, 0, "127.0.0.1", null, List.of(" ")))
                .hasMessageContaining("accepted-recipients");
        SmtpProperties properties = new SmtpProperties(true, 25, "0.0.0.0", null,
                List.of("Agency.example", "help@other.example"));

        assertThat(properties.accepts("<Support@AGENCY.example>")).isTrue();
        assertThat(properties.accepts("help@other.example")).isTrue();
        assertThat(properties.accepts("sales@other.example")).isFalse();
        assertThat(properties.accepts("x@agency.example.evil.example")).isFalse();
        assertThat(properties.accepts("agency.example")).isFalse();
    }
}
