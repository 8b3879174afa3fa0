package dev.afterhours.notifier;

import static dev.afterhours.notifier.TestEvents.WAIT;
import static dev.afterhours.notifier.TestEvents.ensureTopics;
import static dev.afterhours.notifier.TestEvents.freePort;
import static dev.afterhours.notifier.TestEvents.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.afterhours.contracts.AfterHoursStatus;
import dev.afterhours.contracts.AutoReplyOutcome;
import dev.afterhours.contracts.AutoReplyRecorded;
import dev.afterhours.contracts.AutoReplyRequested;
import dev.afterhours.contracts.Channel;
import dev.afterhours.contracts.ClientProfile;
import dev.afterhours.contracts.DayOfWeek;
import dev.afterhours.contracts.DigestOutcome;
import dev.afterhours.contracts.SlaClock;
import dev.afterhours.contracts.SlaDeferred;
import dev.afterhours.contracts.SlaEvent;
import dev.afterhours.contracts.SlaStarted;
import dev.afterhours.contracts.StaffMember;
import dev.afterhours.contracts.SupportCalendar;
import dev.afterhours.contracts.TopicProvisioner;
import dev.afterhours.contracts.Topics;
import dev.afterhours.contracts.Urgency;
import dev.afterhours.contracts.WeeklyWindow;
import dev.afterhours.kafka.KafkaConnection;
import dev.afterhours.contracts.serde.RegistrySerdes;
import dev.afterhours.directory.DirectoryPublisher;
import dev.afterhours.directory.DirectoryView;
import dev.afterhours.notifier.delivery.EmailSender;
import dev.afterhours.notifier.digest.DigestBook;
import dev.afterhours.notifier.digest.DigestFeed;
import dev.afterhours.notifier.digest.DigestLedger;
import dev.afterhours.notifier.digest.DigestProperties;
import dev.afterhours.notifier.digest.DigestSender;
import dev.afterhours.testkit.AfterhoursTestEnvironment;
import dev.afterhours.testkit.SettableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * The Monday digest for real: SLA events, an acknowledgement request and its outcome on the broker, the digests
 * read back from their own topic, a GreenMail SMTP server, and a clock the test moves (the Friday is the next one
 * after the real today, so the test holds on any date). Alice manages Acme (New York, Mon-Fri 09:00-17:30): a HIGH
 * message at 17:00 on Friday (due Monday 10:30) and a NORMAL one on Saturday (deferred, acknowledged by e-mail,
 * due Monday 13:00). Nothing goes out over the weekend or before 09:00 on Monday; at 09:00 one digest lists both,
 * the Friday one first, with what the client was told; it is not sent again, nor after a restart.
 */
class DigestIT {

    static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    static final String CLIENT = "digest-" + RUN;
    static final String ALICE = "alice-" + RUN;
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final int SMTP_PORT = freePort();
    static final GreenMail smtp = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

    static {
        smtp.start();
    }

    @BeforeAll
    static void topicsAndDirectory() {
        ensureTopics();
        TopicProvisioner.ensure(AfterhoursTestEnvironment.bootstrapServers(), List.of(Topics.NOTIFIER_DIGESTS), 3, (short) 1);
        List<WeeklyWindow> windows = new ArrayList<>();
        for (DayOfWeek day : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
                DayOfWeek.FRIDAY)) {
            windows.add(new WeeklyWindow(day, "09:00", "17:30"));
        }
        try (DirectoryPublisher publisher = TestEvents.loopbackPublisher()) {
            publisher.publish(StaffMember.newBuilder().setStaffId(ALICE).setName("Alice").setZone("America/New_York")
                    .setEmail(ALICE + "@agency.test").build());
            publisher.publish(ClientProfile.newBuilder(TestEvents.client(CLIENT, "Acme Shop", ALICE, null))
                    .setCalendar(SupportCalendar.newBuilder().setZone("America/New_York").setWindows(windows).build()).build());
        }
    }

    @AfterAll
    static void stop() {
        smtp.stop();
    }

    @Test
    void onMondayAtTheOpeningAliceGetsOneDigestOfTheWeekendSoonestDueFirstWithWhatTheClientWasTold() throws Exception {
        ZonedDateTime friday = LocalDate.now(Clock.systemUTC().withZone(NEW_YORK)).plusDays(1)
                .with(TemporalAdjusters.nextOrSame(java.time.DayOfWeek.FRIDAY)).atTime(LocalTime.of(17, 0)).atZone(NEW_YORK);
        ZonedDateTime saturday = friday.plusDays(1).withHour(11);
        ZonedDateTime monday = friday.plusDays(3);
        String fri = "m-fri-" + RUN;
        String sat = "m-sat-" + RUN;
        send(Topics.SLA_EVENTS.name(), CLIENT, sla(fri + ":started", fri, Urgency.HIGH, friday.toInstant(),
                new SlaStarted(friday.toInstant(), SlaClock.BUSINESS, "PT2H", monday.withHour(10).withMinute(30).toInstant())));
        send(Topics.SLA_EVENTS.name(), CLIENT, sla(sat + ":started", sat, Urgency.NORMAL, saturday.toInstant(),
                new SlaStarted(saturday.toInstant(), SlaClock.BUSINESS, "PT4H", monday.withHour(13).toInstant())));
        send(Topics.SLA_EVENTS.name(), CLIENT, sla(sat + ":deferred", sat, Urgency.NORMAL, saturday.toInstant(),
                new SlaDeferred(monday.withHour(9).toInstant(), AfterHoursStatus.WEEKEND)));
        String told = "Thanks, we have your message. Our team is offline until Monday 09:00 (America/New_York); "
                + "expect an answer by Monday 13:00.";
        send(Topics.AUTO_REPLIES.name(), CLIENT, AutoReplyRequested.newBuilder().setRequestId(sat + ":ack")
                .setClientId(CLIENT).setConversationId("c-" + sat).setMessageId(sat).setChannel(Channel.EMAIL)
                .setTo("dana-" + RUN + "@acme.example").setExpectedAnswerBy(monday.withHour(13).toInstant())
                .setText(told).setRequestedAt(saturday.toInstant()).build());
        send(Topics.AUTO_REPLY_OUTCOMES.name(), sat + ":ack", new AutoReplyRecorded(sat + ":ack", CLIENT, sat,
                Channel.EMAIL, "dana-" + RUN + "@acme.example", AutoReplyOutcome.SENT, null, saturday.plusSeconds(2).toInstant(),
                dev.afterhours.contracts.AutoReplyKind.ACKNOWLEDGEMENT));

        SettableClock clock = new SettableClock(saturday.withHour(12).toInstant());
        // The factory configures the serializer with these settings, so they carry the registry's too.
        Map<String, Object> producer = new java.util.HashMap<>(AfterhoursTestEnvironment.serdeConfig());
        producer.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, AfterhoursTestEnvironment.bootstrapServers());
        producer.put(ProducerConfig.ACKS_CONFIG, "all");
        KafkaTemplate<String, SpecificRecord> kafka = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(producer,
                new StringSerializer(), RegistrySerdes.<SpecificRecord>valueSerializer(AfterhoursTestEnvironment.registry().coreApiUrl())));
        JavaMailSenderImpl mail = new JavaMailSenderImpl();
        mail.setHost("127.0.0.1");
        mail.setPort(SMTP_PORT);
        EmailSender email = new EmailSender(mail, "afterhours@agency.test", 2, Duration.ofMillis(100));
        // The feed's own check is hourly; the test calls the sender itself at the moments it chooses.
        DigestProperties properties = new DigestProperties(true, Duration.ofHours(1), "digest@agency.test", Duration.ofDays(15));
        SimpleMeterRegistry meters = new SimpleMeterRegistry();

        try (DirectoryView directory = DirectoryView.start(AfterhoursTestEnvironment.bootstrapServers(),
                AfterhoursTestEnvironment.registryUrl())) {
            await().atMost(WAIT).until(() -> directory.client(CLIENT).isPresent() && directory.staff(ALICE).isPresent());
            DigestBook book = new DigestBook();
            DigestLedger ledger = new DigestLedger();
            DigestSender sender = new DigestSender(directory, book, ledger, email, kafka, staffId -> true,
                    properties.from(), meters, clock);
            try (DigestFeed feed = new DigestFeed(KafkaConnection.plaintext(AfterhoursTestEnvironment.bootstrapServers()), AfterhoursTestEnvironment.registryUrl(),
                    book, ledger, sender, properties, clock)) {
                await().atMost(WAIT).until(() -> feed.caughtUp() && book.forDigest(Set.of(CLIENT),
                        friday.minusDays(1).toInstant(), monday.withHour(9).toInstant()).size() == 2);

                assertThat(sender.sendDue()).as("Saturday noon").isZero();
                clock.set(friday.plusDays(2).withHour(20).toInstant());
                assertThat(sender.sendDue()).as("Sunday evening").isZero();
                clock.set(monday.withHour(8).withMinute(59).toInstant());
                assertThat(sender.sendDue()).as("Monday 08:59").isZero();
                assertThat(mailTo(ALICE)).as("nothing over the weekend").isEmpty();

                clock.set(monday.withHour(9).toInstant());
                assertThat(sender.sendDue()).as("Monday 09:00").isEqualTo(1);
                await().atMost(WAIT).until(() -> mailTo(ALICE).size() == 1);
                MimeMessage digest = mailTo(ALICE).getFirst();
                assertThat(digest.getSubject()).startsWith("[Overnight] 2 messages for your clients, Monday");
                assertThat(digest.getFrom()[0].toString()).isEqualTo("digest@agency.test");
                String body = String.valueOf(digest.getContent());
                assertThat(body).contains("1. Acme Shop: HIGH, received Fri", "due Mon", "10:30", "SLA " + fri)
                        .contains("2. Acme Shop: NORMAL, received Sat", "SLA " + sat)
                        .contains("\"" + told + "\" (EMAIL to dana-" + RUN + "@acme.example, sent Sat");
                assertThat(body.indexOf(fri)).isLessThan(body.indexOf(sat));
                assertThat(meters.counter("afterhours.notifier.digests", "outcome", "sent").count()).isEqualTo(1);

                clock.set(monday.withHour(9).withMinute(5).toInstant());
                assertThat(sender.sendDue()).as("the same day again").isZero();
            }

            // A restarted notifier reads the digests topic from its beginning: the digest is not sent again.
            DigestLedger afterRestart = new DigestLedger();
            DigestBook freshBook = new DigestBook();
            DigestSender restarted = new DigestSender(directory, freshBook, afterRestart, email, kafka, staffId -> true,
                    properties.from(), new SimpleMeterRegistry(), clock);
            try (DigestFeed feed = new DigestFeed(KafkaConnection.plaintext(AfterhoursTestEnvironment.bootstrapServers()), AfterhoursTestEnvironment.registryUrl(),
                    freshBook, afterRestart, restarted, properties, clock)) {
                await().atMost(WAIT).until(feed::caughtUp);
                assertThat(afterRestart.outcome(ALICE + "|" + monday.toLocalDate())).isEqualTo(DigestOutcome.SENT);
                clock.set(monday.withHour(10).toInstant());
                assertThat(restarted.sendDue()).isZero();
            }
            assertThat(mailTo(ALICE)).hasSize(1);
        }
    }

    private static SlaEvent sla(String eventId, String slaId, Urgency urgency, Instant at, Object payload) {
        return SlaEvent.newBuilder().setEventId(eventId).setSlaId(slaId).setClientId(CLIENT).setConversationId("c-" + slaId)
                .setUrgency(urgency).setOccurredAt(at).setPayload(payload).build();
    }

    private static List<MimeMessage> mailTo(String staffId) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> TestEvents.recipient(m).equals(staffId + "@agency.test"))
                .toList();
    }
}
