package dev.afterhours.notifier;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.afterhours.notifier.TestEvents.WAIT;
import static dev.afterhours.notifier.TestEvents.ensureTopics;
import static dev.afterhours.notifier.TestEvents.freePort;
import static dev.afterhours.notifier.TestEvents.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
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
import dev.afterhours.contracts.DigestRecorded;
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
import dev.afterhours.notifier.delivery.SlackPoster;
import dev.afterhours.notifier.delivery.SlackProperties;
import dev.afterhours.notifier.digest.DigestBook;
import dev.afterhours.notifier.digest.DigestFeed;
import dev.afterhours.notifier.digest.DigestLedger;
import dev.afterhours.notifier.digest.DigestProperties;
import dev.afterhours.notifier.digest.DigestSender;
import dev.afterhours.testkit.AfterhoursTestEnvironment;
import dev.afterhours.testkit.SettableClock;
import dev.afterhours.testkit.TopicProbe;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
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
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

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
    static final String SLACK_CLIENT = "digest-slack-" + RUN;
    static final String FALLBACK_CLIENT = "digest-fallback-" + RUN;
    /** Bob reads his digest on Slack; Carol's Slack user cannot be posted to, so hers falls back to e-mail. */
    static final String BOB = "bob-" + RUN;
    static final String CAROL = "carol-" + RUN;
    static final String BOB_SLACK = "UBOB" + RUN.toUpperCase(java.util.Locale.ROOT);
    static final String CAROL_SLACK = "UCAROL" + RUN.toUpperCase(java.util.Locale.ROOT);
    static final int SMTP_PORT = freePort();
    static final GreenMail smtp = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    static final WireMockServer slackApi = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
    static final JsonMapper json = JsonMapper.builder().build();

    static {
        smtp.start();
        slackApi.start();
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
            publisher.publish(StaffMember.newBuilder().setStaffId(BOB).setName("Bob").setZone("America/New_York")
                    .setEmail(BOB + "@agency.test").setSlackUserId(BOB_SLACK).build());
            publisher.publish(StaffMember.newBuilder().setStaffId(CAROL).setName("Carol").setZone("America/New_York")
                    .setEmail(CAROL + "@agency.test").setSlackUserId(CAROL_SLACK).build());
            publisher.publish(ClientProfile.newBuilder(TestEvents.client(SLACK_CLIENT, "Slack & Sons", BOB, null))
                    .setCalendar(SupportCalendar.newBuilder().setZone("America/New_York").setWindows(windows).build()).build());
            publisher.publish(ClientProfile.newBuilder(TestEvents.client(FALLBACK_CLIENT, "Fallback Ltd", CAROL, null))
                    .setCalendar(SupportCalendar.newBuilder().setZone("America/New_York").setWindows(windows).build()).build());
        }
        slackApi.stubFor(post(urlEqualTo("/api/chat.postMessage")).atPriority(5)
                .willReturn(okJson("{\"ok\":true,\"channel\":\"D1\",\"ts\":\"1.1\"}")));
        slackApi.stubFor(post(urlEqualTo("/api/chat.postMessage")).atPriority(1)
                .withRequestBody(matchingJsonPath("$.channel", equalTo(CAROL_SLACK)))
                .willReturn(okJson("{\"ok\":false,\"error\":\"channel_not_found\"}")));
    }

    @AfterAll
    static void stop() {
        smtp.stop();
        slackApi.stop();
    }

    @Test
    void onMondayAtTheOpeningAliceGetsOneDigestOfTheWeekendSoonestDueFirstWithWhatTheClientWasTold() throws Exception {
        ZonedDateTime friday = nextFridayAtFive();
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
        KafkaTemplate<String, SpecificRecord> kafka = kafkaTemplate();
        EmailSender email = emailSender();
        DigestProperties properties = properties();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();

        try (DirectoryView directory = DirectoryView.start(AfterhoursTestEnvironment.bootstrapServers(),
                AfterhoursTestEnvironment.registryUrl())) {
            await().atMost(WAIT).until(() -> directory.client(CLIENT).isPresent() && directory.staff(ALICE).isPresent());
            DigestBook book = new DigestBook();
            DigestLedger ledger = new DigestLedger();
            DigestSender sender = new DigestSender(directory, book, ledger, email, SLACK_OFF, kafka, staffId -> true,
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
            DigestSender restarted = new DigestSender(directory, freshBook, afterRestart, email, SLACK_OFF, kafka, staffId -> true,
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

    @Test
    void withSlackBobGetsHisDigestThereSoonestDueFirstOnceAndCarolGetsAnEmailWhenSlackRefuses() throws Exception {
        ZonedDateTime friday = nextFridayAtFive();
        ZonedDateTime saturday = friday.plusDays(1).withHour(10);
        ZonedDateTime monday = friday.plusDays(3);
        // Arrived A, C, B; due C (09:45), A (10:30), B (13:00).
        String a = "s-a-" + RUN;
        String b = "s-b-" + RUN;
        String c = "s-c-" + RUN;
        String d = "s-d-" + RUN;
        send(Topics.SLA_EVENTS.name(), SLACK_CLIENT, sla(SLACK_CLIENT, a + ":started", a, Urgency.HIGH, friday.toInstant(),
                new SlaStarted(friday.toInstant(), SlaClock.BUSINESS, "PT2H", monday.withHour(10).withMinute(30).toInstant())));
        send(Topics.SLA_EVENTS.name(), SLACK_CLIENT, sla(SLACK_CLIENT, c + ":started", c, Urgency.HIGH, saturday.toInstant(),
                new SlaStarted(saturday.toInstant(), SlaClock.BUSINESS, "PT45M", monday.withHour(9).withMinute(45).toInstant())));
        send(Topics.SLA_EVENTS.name(), SLACK_CLIENT, sla(SLACK_CLIENT, b + ":started", b, Urgency.NORMAL,
                saturday.plusHours(1).toInstant(), new SlaStarted(saturday.plusHours(1).toInstant(), SlaClock.BUSINESS,
                        "PT4H", monday.withHour(13).toInstant())));
        send(Topics.SLA_EVENTS.name(), FALLBACK_CLIENT, sla(FALLBACK_CLIENT, d + ":started", d, Urgency.NORMAL,
                saturday.toInstant(), new SlaStarted(saturday.toInstant(), SlaClock.BUSINESS, "PT4H", monday.withHour(13).toInstant())));
        String told = "Thanks, we have your message <3. Expect an answer by Monday 13:00.";
        send(Topics.AUTO_REPLIES.name(), SLACK_CLIENT, AutoReplyRequested.newBuilder().setRequestId(b + ":ack")
                .setClientId(SLACK_CLIENT).setConversationId("c-" + b).setMessageId(b).setChannel(Channel.SMS)
                .setTo("+15550100001").setExpectedAnswerBy(monday.withHour(13).toInstant())
                .setText(told).setRequestedAt(saturday.plusHours(1).toInstant()).build());
        send(Topics.AUTO_REPLY_OUTCOMES.name(), b + ":ack", new AutoReplyRecorded(b + ":ack", SLACK_CLIENT, b,
                Channel.SMS, "+15550100001", AutoReplyOutcome.SENT, null, saturday.plusHours(1).plusSeconds(2).toInstant(),
                dev.afterhours.contracts.AutoReplyKind.ACKNOWLEDGEMENT));

        SettableClock clock = new SettableClock(monday.withHour(8).withMinute(59).toInstant());
        KafkaTemplate<String, SpecificRecord> kafka = kafkaTemplate();
        EmailSender email = emailSender();
        DigestProperties properties = properties();
        SlackPoster slack = new SlackPoster(new SlackProperties("xoxb-digest-test", "digest-signing-secret",
                URI.create(slackApi.baseUrl() + "/api"), Duration.ofSeconds(5)), 2, Duration.ofMillis(50));
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        Predicate<String> ours = Set.of(BOB, CAROL)::contains;
        String bobsDigest = BOB + "|" + monday.toLocalDate();
        String carolsDigest = CAROL + "|" + monday.toLocalDate();

        try (DirectoryView directory = DirectoryView.start(AfterhoursTestEnvironment.bootstrapServers(),
                AfterhoursTestEnvironment.registryUrl())) {
            await().atMost(WAIT).until(() -> directory.client(SLACK_CLIENT).isPresent() && directory.staff(BOB).isPresent()
                    && directory.client(FALLBACK_CLIENT).isPresent() && directory.staff(CAROL).isPresent());
            DigestBook book = new DigestBook();
            DigestLedger ledger = new DigestLedger();
            DigestSender sender = new DigestSender(directory, book, ledger, email, slack, kafka, ours, properties.from(),
                    meters, clock);
            try (DigestFeed feed = new DigestFeed(KafkaConnection.plaintext(AfterhoursTestEnvironment.bootstrapServers()),
                    AfterhoursTestEnvironment.registryUrl(), book, ledger, sender, properties, clock)) {
                await().atMost(WAIT).until(() -> feed.caughtUp() && book.forDigest(Set.of(SLACK_CLIENT, FALLBACK_CLIENT),
                        friday.minusDays(1).toInstant(), monday.withHour(9).toInstant()).size() == 4);
                assertThat(sender.sendDue()).as("Monday 08:59").isZero();
                assertThat(slackPosts(BOB_SLACK)).isEmpty();

                clock.set(monday.withHour(9).toInstant());
                assertThat(sender.sendDue()).as("Monday 09:00: Bob on Slack, Carol by e-mail").isEqualTo(2);

                List<JsonNode> posts = slackPosts(BOB_SLACK);
                assertThat(posts).hasSize(1);
                JsonNode post = posts.getFirst();
                assertThat(post.path("text").asString()).startsWith("[Overnight] 3 messages for your clients, Monday");
                List<String> sections = new ArrayList<>();
                post.path("blocks").forEach(block -> sections.add(block.path("text").path("text").asString()));
                assertThat(sections.getFirst()).startsWith("Good morning Bob: 3 messages for your clients since Fri");
                List<String> lines = sections.subList(1, sections.size()).stream()
                        .flatMap(section -> section.lines()).toList();
                assertThat(lines).hasSize(3);
                assertThat(lines.get(0)).startsWith("1. *Slack &amp; Sons* HIGH, due *Mon").contains("09:45", "`" + c + "`",
                        "Client told: nothing (no acknowledgement was asked for");
                assertThat(lines.get(1)).startsWith("2. *Slack &amp; Sons* HIGH").contains("10:30", "`" + a + "`");
                assertThat(lines.get(2)).startsWith("3. *Slack &amp; Sons* NORMAL").contains("13:00", "`" + b + "`",
                        "Client told: \"Thanks, we have your message &lt;3. Expect an answer by Monday 13:00.\" (SMS to +15550100001, sent Sat");
                assertThat(mailTo(BOB)).as("Bob had it on Slack").isEmpty();
                assertThat(ledger.outcome(bobsDigest)).isEqualTo(DigestOutcome.SENT);

                assertThat(slackPosts(CAROL_SLACK)).as("Slack refused Carol's once (not retried)").hasSize(1);
                await().atMost(WAIT).until(() -> mailTo(CAROL).size() == 1);
                assertThat(String.valueOf(mailTo(CAROL).getFirst().getContent())).contains("Fallback Ltd: NORMAL", "SLA " + d);
                assertThat(ledger.outcome(carolsDigest)).isEqualTo(DigestOutcome.SENT);
                List<DigestRecorded> carols = digestRecords(carolsDigest, 3);
                assertThat(carols).extracting(r -> r.getChannel() + " " + r.getOutcome())
                        .containsExactly("SLACK ATTEMPTED", "EMAIL ATTEMPTED", "EMAIL SENT");
                assertThat(carols.getLast().getFallback()).startsWith("Slack failed: Slack refused chat.postMessage: channel_not_found");
                assertThat(digestRecords(bobsDigest, 2)).extracting(r -> r.getChannel() + " " + r.getOutcome() + " " + r.getDestination())
                        .containsExactly("SLACK ATTEMPTED " + BOB_SLACK, "SLACK SENT " + BOB_SLACK);
                assertThat(meters.counter("afterhours.notifier.digests", "outcome", "sent").count()).isEqualTo(2);
                assertThat(meters.counter("afterhours.notifier.digest.fallbacks", "reason", "slack_failed").count()).isEqualTo(1);

                clock.set(monday.withHour(9).withMinute(30).toInstant());
                assertThat(sender.sendDue()).as("the same day again").isZero();
            }

            // After a restart the digests topic says both went out: nothing is posted or mailed again.
            DigestLedger afterRestart = new DigestLedger();
            DigestBook freshBook = new DigestBook();
            DigestSender restarted = new DigestSender(directory, freshBook, afterRestart, email, slack, kafka, ours,
                    properties.from(), new SimpleMeterRegistry(), clock);
            try (DigestFeed feed = new DigestFeed(KafkaConnection.plaintext(AfterhoursTestEnvironment.bootstrapServers()),
                    AfterhoursTestEnvironment.registryUrl(), freshBook, afterRestart, restarted, properties, clock)) {
                await().atMost(WAIT).until(feed::caughtUp);
                clock.set(monday.withHour(11).toInstant());
                assertThat(restarted.sendDue()).isZero();
            }
            assertThat(slackPosts(BOB_SLACK)).hasSize(1);
            assertThat(slackPosts(CAROL_SLACK)).hasSize(1);
            assertThat(mailTo(CAROL)).hasSize(1);
        }
    }

    /** 17:00 in New York on the first Friday after the real today, so the tests hold on any date. */
    private static ZonedDateTime nextFridayAtFive() {
        return LocalDate.now(Clock.systemUTC().withZone(NEW_YORK)).plusDays(1)
                .with(TemporalAdjusters.nextOrSame(java.time.DayOfWeek.FRIDAY)).atTime(LocalTime.of(17, 0)).atZone(NEW_YORK);
    }

    /** Slack is not configured for the e-mail-only test: nobody in it has a Slack member id anyway. */
    static final SlackPoster SLACK_OFF = new SlackPoster(new SlackProperties(null, null, URI.create("https://slack.com/api"),
            Duration.ofSeconds(1)), 1, Duration.ofMillis(10));

    private static KafkaTemplate<String, SpecificRecord> kafkaTemplate() {
        // The factory configures the serializer with these settings, so they carry the registry's too.
        Map<String, Object> producer = new java.util.HashMap<>(AfterhoursTestEnvironment.serdeConfig());
        producer.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, AfterhoursTestEnvironment.bootstrapServers());
        producer.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(producer, new StringSerializer(),
                RegistrySerdes.<SpecificRecord>valueSerializer(AfterhoursTestEnvironment.registry().coreApiUrl())));
    }

    private static EmailSender emailSender() {
        JavaMailSenderImpl mail = new JavaMailSenderImpl();
        mail.setHost("127.0.0.1");
        mail.setPort(SMTP_PORT);
        return new EmailSender(mail, "afterhours@agency.test", 2, Duration.ofMillis(100));
    }

    /** The feed's own check is hourly; the tests call the sender themselves at the moments they choose. */
    private static DigestProperties properties() {
        return new DigestProperties(true, Duration.ofHours(1), "digest@agency.test", Duration.ofDays(15));
    }

    private static SlaEvent sla(String eventId, String slaId, Urgency urgency, Instant at, Object payload) {
        return sla(CLIENT, eventId, slaId, urgency, at, payload);
    }

    private static SlaEvent sla(String clientId, String eventId, String slaId, Urgency urgency, Instant at, Object payload) {
        return SlaEvent.newBuilder().setEventId(eventId).setSlaId(slaId).setClientId(clientId).setConversationId("c-" + slaId)
                .setUrgency(urgency).setOccurredAt(at).setPayload(payload).build();
    }

    private static List<JsonNode> slackPosts(String channel) {
        return slackApi.findAll(postRequestedFor(urlEqualTo("/api/chat.postMessage"))).stream()
                .sorted(Comparator.comparing(LoggedRequest::getLoggedDate))
                .map(r -> json.readTree(r.getBodyAsString()))
                .filter(body -> channel.equals(body.path("channel").asString()))
                .toList();
    }

    /** The records of one digest on its topic, in order, once there are {@code count}. */
    private static List<DigestRecorded> digestRecords(String digestId, int count) {
        java.util.function.Function<List<org.apache.kafka.clients.consumer.ConsumerRecord<byte[], byte[]>>, List<DigestRecorded>> of =
                records -> records.stream()
                        .map(r -> (DigestRecorded) TestEvents.decoder().deserialize(Topics.NOTIFIER_DIGESTS.name(), r.value()))
                        .filter(r -> r.getDigestId().equals(digestId))
                        .toList();
        return of.apply(TopicProbe.readUntil(Topics.NOTIFIER_DIGESTS, records -> of.apply(records).size() >= count, WAIT));
    }

    private static List<MimeMessage> mailTo(String staffId) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> TestEvents.recipient(m).equals(staffId + "@agency.test"))
                .toList();
    }
}
