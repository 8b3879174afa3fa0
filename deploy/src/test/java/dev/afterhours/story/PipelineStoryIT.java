package dev.afterhours.story;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import dev.afterhours.contracts.AutoReplyRequested;
import dev.afterhours.contracts.Channel;
import dev.afterhours.contracts.ClientContact;
import dev.afterhours.contracts.ClientProfile;
import dev.afterhours.contracts.CrmNoteAdded;
import dev.afterhours.contracts.DayOfWeek;
import dev.afterhours.contracts.Direction;
import dev.afterhours.contracts.EscalationReason;
import dev.afterhours.contracts.EscalationRequested;
import dev.afterhours.contracts.MessageReceived;
import dev.afterhours.contracts.NotificationDelivered;
import dev.afterhours.contracts.NotificationEvent;
import dev.afterhours.contracts.SlaBreached;
import dev.afterhours.contracts.SlaClock;
import dev.afterhours.contracts.SlaDeferred;
import dev.afterhours.contracts.SlaEvent;
import dev.afterhours.contracts.SlaMet;
import dev.afterhours.contracts.SlaPolicy;
import dev.afterhours.contracts.SlaStarted;
import dev.afterhours.contracts.UrgencyCorrected;
import dev.afterhours.contracts.SlaTarget;
import dev.afterhours.contracts.StaffMember;
import dev.afterhours.contracts.SupportCalendar;
import dev.afterhours.contracts.Topic;
import dev.afterhours.contracts.Topics;
import dev.afterhours.contracts.Urgency;
import dev.afterhours.contracts.WeeklyWindow;
import dev.afterhours.contracts.serde.RegistrySerdes;
import dev.afterhours.directory.Calendars;
import dev.afterhours.directory.DirectoryPublisher;
import dev.afterhours.directory.DirectoryValidator;
import dev.afterhours.directory.OutboundUrlPolicy;
import dev.afterhours.directory.DirectorySeed;
import dev.afterhours.directory.DirectorySnapshot;
import dev.afterhours.directory.SlaPolicies;
import dev.afterhours.testkit.AfterhoursTestEnvironment;
import dev.afterhours.testkit.ConfluentWireFormat;
import dev.afterhours.testkit.TopicProbe;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The story of Afterhours, end to end: the four services run as separate JVMs from the jars the build produced,
 * on a real KRaft broker and a real Apicurio Registry, paging a real HTTP receiver and a real SMTP server.
 * A client's emergency becomes a signed page within seconds; a routine request gets an SLA on the client's
 * business clock that a staff reply meets; killing the scheduler with timers pending loses none and fires none twice.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PipelineStoryIT {

    private static final Duration STARTUP = StoryWorld.STARTUP;
    private static final String API_KEY_HEADER = "X-Api-Key";

    private final HttpClient http = HttpClient.newHttpClient();
    private StoryWorld world;
    private ServiceProcess ingest;
    private ServiceProcess classifier;
    private ServiceProcess scheduler;
    private ServiceProcess notifier;
    private Path schedulerState;
    private ClientProfile acme;
    /** The phone and mail integrations' API key, created by an admin once the services are up. */
    private String integrationKey;

    @BeforeAll
    void startTheWorld() throws Exception {
        world = StoryWorld.start();
        DirectorySnapshot demo = world.publishDirectory(List.of(closedUntilTheDayAfterTomorrow(), quickSla()));
        acme = demo.clients().stream().filter(c -> c.getClientId().equals("acme-shop")).findFirst().orElseThrow();
        try (KafkaProducer<String, SpecificRecord> producer = world.producer()) {
            producer.send(new ProducerRecord<>(Topics.CRM_NOTES.name(), "acme-shop", CrmNoteAdded.newBuilder()
                    .setNoteId("note-1").setClientId("acme-shop").setAuthor("alice")
                    .setText("Dana runs the shop alone at night. Prefers a phone call for anything urgent.")
                    .setAddedAt(Instant.now()).build())).get();
        }

        schedulerState = Files.createTempDirectory("story-scheduler-state");
        ingest = world.startIngest();
        classifier = world.startClassifier();
        scheduler = world.startScheduler(schedulerState);
        notifier = world.startNotifier();
        for (ServiceProcess service : List.of(ingest, classifier, scheduler, notifier)) {
            service.awaitReady(STARTUP);
        }
        // An admin issues the agency's phone and mail systems a key of their own; they post every client message.
        integrationKey = world.issueIntegrationKey(ingest);
    }

    @AfterAll
    void stopTheWorld() {
        if (world != null) {
            world.close();
        }
    }

    @Test
    @Order(1)
    void a_calm_one_line_emergency_pages_the_on_call_person_within_seconds() throws Exception {
        String messageId = post("""
                {"channel": "EMAIL", "providerMessageId": "story-911", "from": "dana@acme-shop.example",
                 "to": ["support@agency.example"], "subject": "Sorry to bother you",
                 "body": "Sorry to bother you so late, but our checkout is broken and customers cannot pay."}
                """, 202);

        EscalationRequested escalation = world.awaitOne(Topics.ESCALATIONS, e -> e.getMessageId().equals(messageId));
        assertThat(escalation.getReason()).isEqualTo(EscalationReason.EMERGENCY);
        assertThat(escalation.getUrgency()).isEqualTo(Urgency.EMERGENCY);

        NotificationEvent delivered = world.awaitOne(Topics.NOTIFICATIONS, n -> n.getEscalationId().equals(escalation.getEscalationId())
                && n.getPayload() instanceof NotificationDelivered);
        NotificationDelivered delivery = (NotificationDelivered) delivered.getPayload();
        assertThat(delivery.getReason()).isEqualTo(EscalationReason.EMERGENCY);

        // the signed page reached the real HTTP receiver, and it carries the CRM note
        StoryWorld.CapturedPage page = world.awaitPage(p -> p.body().contains("checkout is broken"));
        assertThat(page.signature()).isEqualTo(world.sign(page.timestamp(), page.body()));
        assertThat(page.body()).contains("Prefers a phone call");

        // and the notifier's own record and metrics show it
        String record = get(notifier, "/api/v1/notifications?clientId=acme-shop");
        assertThat(record).contains(delivered.getNotificationId());
        assertThat(get(notifier, "/actuator/prometheus")).containsPattern("afterhours_notifier_notifications_total\\{[^}]*outcome=\"delivered\"");

        // the person paged acknowledges, then resolves with a handover note: the incident's times are measured
        String paged = AfterhoursTestEnvironment.issuer().bearer(delivery.getStaffId(), "staff");
        HttpResponse<String> ack = postToNotifier("/api/v1/notifications/" + delivered.getNotificationId() + "/ack",
                "{\"note\": \"on it\"}", paged);
        assertThat(ack.statusCode()).as(ack.body()).isEqualTo(200);
        HttpResponse<String> resolved = postToNotifier("/api/v1/incidents/" + escalation.getEscalationId() + "/resolve",
                "{\"note\": \"Checkout restarted; watch the payment queue until 08:00\"}", paged);
        assertThat(resolved.statusCode()).as(resolved.body()).isEqualTo(200);
        assertThat(resolved.body()).contains("\"status\":\"RESOLVED\"");
    }

    @Test
    @Order(2)
    void a_routine_request_gets_an_sla_on_the_clients_business_clock_and_a_staff_reply_meets_it() throws Exception {
        String messageId = post("""
                {"channel": "EMAIL", "providerMessageId": "story-411", "from": "sam@acme-shop.example",
                 "to": ["support@agency.example"], "subject": "Holiday banner",
                 "body": "Please update the holiday banner copy on the homepage."}
                """, 202);
        MessageReceived received = world.awaitOne(Topics.MESSAGES_RECEIVED, m -> m.getMessageId().equals(messageId));

        SlaEvent started = world.awaitOne(Topics.SLA_EVENTS, e -> e.getSlaId().equals(messageId) && e.getPayload() instanceof SlaStarted);
        SlaStarted sla = (SlaStarted) started.getPayload();
        // NORMAL or HIGH is the classifier's judgement (its held-out evaluation measures it); a routine request
        // never pages, and whichever it is, the SLA runs on the client's business clock for that urgency's target.
        assertThat(started.getUrgency()).isIn(Urgency.NORMAL, Urgency.HIGH);
        assertThat(sla.getClock()).isEqualTo(SlaClock.BUSINESS);
        Duration target = Duration.parse(SlaPolicies.targetFor(acme, started.getUrgency()).orElseThrow().getTarget());
        assertThat(sla.getDueAt()).isEqualTo(
                Calendars.supportHours(acme.getCalendar()).dueAt(received.getReceivedAt(), target));

        // The account manager disagrees with the classifier: the correction is an event the next training run reads.
        HttpResponse<String> corrected = http.send(HttpRequest.newBuilder(classifier.url("/api/v1/messages/" + messageId + "/urgency"))
                .header("Content-Type", "application/json").header("Authorization", alice())
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"urgency": "LOW", "reason": "seasonal copy, can wait for the weekly batch"}
                        """)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(corrected.statusCode()).as(corrected.body()).isEqualTo(202);
        UrgencyCorrected correction = world.awaitOne(Topics.URGENCY_CORRECTIONS, c -> c.getMessageId().equals(messageId));
        assertThat(correction.getPreviousUrgency()).isEqualTo(started.getUrgency());
        assertThat(correction.getCorrectedBy()).isEqualTo("alice");

        replyAsAlice("""
                {"channel": "EMAIL", "direction": "OUTBOUND", "providerMessageId": "story-411-reply",
                 "from": "alice@agency.example", "to": ["sam@acme-shop.example"], "subject": "Re: Holiday banner",
                 "body": "Done, have a look."}
                """, 202);
        SlaEvent met = world.awaitOne(Topics.SLA_EVENTS, e -> e.getSlaId().equals(messageId) && e.getPayload() instanceof SlaMet);
        assertThat(((SlaMet) met.getPayload()).getDueAt()).isEqualTo(sla.getDueAt());
    }

    @Test
    @Order(5) // after the routine request of step 2, and not Acme's: a third Acme message in ten minutes is raised
    void a_reply_written_in_afterhours_is_mailed_to_the_client_and_only_then_meets_the_sla() throws Exception {
        String messageId = post("""
                {"channel": "EMAIL", "providerMessageId": "story-reply-api", "from": "jonas@bergmann.example",
                 "to": ["support@agency.example"], "subject": "Invoice address",
                 "body": "Could you put our new street on next month's invoice?"}
                """, 202);
        MessageReceived received = world.awaitOne(Topics.MESSAGES_RECEIVED, m -> m.getMessageId().equals(messageId));
        world.awaitOne(Topics.SLA_EVENTS, e -> e.getSlaId().equals(messageId) && e.getPayload() instanceof SlaStarted);

        HttpResponse<String> accepted = send("/api/v1/conversations/" + received.getConversationId() + "/replies",
                "{\"text\": \"Done: the new street is on the invoice from next month.\"}", "Authorization", alice());
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);

        // The notifier mails it, then records it OUTBOUND in the conversation, which stops the clock.
        MessageReceived outbound = world.awaitOne(Topics.MESSAGES_RECEIVED, m -> m.getDirection() == Direction.OUTBOUND
                && m.getConversationId().equals(received.getConversationId()));
        assertThat(outbound.getBody()).isEqualTo("Done: the new street is on the invoice from next month.");
        world.awaitOne(Topics.SLA_EVENTS, e -> e.getSlaId().equals(messageId) && e.getPayload() instanceof SlaMet);
        // Jonas may also have had the automatic acknowledgement (after hours, Auto-Submitted); the reply is the other.
        List<MimeMessage> mailed = world.mailTo("jonas@bergmann.example").stream()
                .filter(m -> subjectOf(m).equals("Re: Invoice address") && autoSubmitted(m) == null).toList();
        assertThat(mailed).hasSize(1);
    }

    private static String subjectOf(MimeMessage mail) {
        try {
            return String.valueOf(mail.getSubject());
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String[] autoSubmitted(MimeMessage mail) {
        try {
            return mail.getHeader("Auto-Submitted");
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    @Order(3)
    void a_message_while_the_client_is_closed_is_deferred_and_the_client_told_when_to_expect_an_answer() throws Exception {
        String messageId = post("""
                {"channel": "SMS", "providerMessageId": "story-closed", "from": "+15550111222",
                 "body": "Can we move Thursday's call to 3pm?"}
                """, 202);
        SlaEvent deferred = world.awaitOne(Topics.SLA_EVENTS, e -> e.getSlaId().equals(messageId) && e.getPayload() instanceof SlaDeferred);
        Instant until = ((SlaDeferred) deferred.getPayload()).getUntil();
        assertThat(until).isAfter(Instant.now());
        AutoReplyRequested reply = world.awaitOne(Topics.AUTO_REPLIES, r -> r.getMessageId().equals(messageId));
        assertThat(reply.getTo()).isEqualTo("+15550111222");
        assertThat(reply.getExpectedAnswerBy()).isAfterOrEqualTo(until);
    }

    @Test
    @Order(4)
    void the_same_provider_message_twice_is_one_event_and_bad_input_is_refused_with_the_field_named() throws Exception {
        String body = """
                {"channel": "EMAIL", "providerMessageId": "story-retry", "from": "sam@acme-shop.example",
                 "body": "Please resend the invoice."}
                """;
        String first = post(body, 202);
        String second = post(body, 200);
        assertThat(second).isEqualTo(first);
        assertThat(world.events(Topics.MESSAGES_RECEIVED).stream().filter(m -> m.getMessageId().equals(first))).hasSize(1);

        HttpResponse<String> missing = send("/api/v1/messages", "{\"channel\": \"EMAIL\", \"providerMessageId\": \"x\", \"body\": \"hi\"}",
                API_KEY_HEADER, integrationKey);
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("from");

        String stranger = post("""
                {"channel": "SMS", "providerMessageId": "story-stranger", "from": "+15559999999", "body": "hello?"}
                """, 202);
        assertThat(world.awaitOne(Topics.MESSAGES_RECEIVED, m -> m.getMessageId().equals(stranger)).getClientId())
                .isEqualTo(Topics.UNRESOLVED_CLIENT);
    }

    @Test
    @Order(5)
    void killing_the_scheduler_with_timers_pending_loses_none_and_fires_none_twice() throws Exception {
        List<String> slaIds = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            slaIds.add(post("""
                    {"channel": "CHAT", "providerMessageId": "story-quick-%d", "from": "ops@quick.example",
                     "body": "Routine question number %d about the report."}
                    """.formatted(i, i), 202));
        }
        for (String slaId : slaIds) {
            world.awaitOne(Topics.SLA_EVENTS, e -> e.getSlaId().equals(slaId) && e.getPayload() instanceof SlaStarted);
        }
        scheduler.kill();
        Instant killedAt = Instant.now();
        assertThat(world.events(Topics.SLA_EVENTS).stream().filter(e -> slaIds.contains(e.getSlaId()) && e.getPayload() instanceof SlaBreached))
                .as("no breach before the kill (targets are 20s)").isEmpty();

        scheduler = world.startScheduler(schedulerState).awaitReady(STARTUP);

        for (String slaId : slaIds) {
            world.awaitOne(Topics.SLA_EVENTS, e -> e.getSlaId().equals(slaId) && e.getPayload() instanceof SlaBreached);
        }
        // A marker SLA on the same client (same partition), started after the restart, breaches after the others:
        // once it has, any replayed duplicate of the earlier timers would be on the topic before it.
        String marker = post("""
                {"channel": "CHAT", "providerMessageId": "story-quick-marker", "from": "ops@quick.example",
                 "body": "Marker question."}
                """, 202);
        world.awaitOne(Topics.SLA_EVENTS, e -> e.getSlaId().equals(marker) && e.getPayload() instanceof SlaBreached);
        Map<String, Long> breaches = world.events(Topics.SLA_EVENTS).stream()
                .filter(e -> slaIds.contains(e.getSlaId()) && e.getPayload() instanceof SlaBreached)
                .collect(Collectors.groupingBy(SlaEvent::getSlaId, Collectors.counting()));
        assertThat(breaches).as("one breach per SLA after a kill -9 at %s", killedAt)
                .containsExactlyInAnyOrderEntriesOf(Map.of(slaIds.get(0), 1L, slaIds.get(1), 1L, slaIds.get(2), 1L));
    }

    @Test
    @Order(9)
    void a_mail_to_ingests_smtp_listener_becomes_a_message_of_the_client_who_sent_it() throws Exception {
        // The packaged service, not the test classpath: SubEthaSMTP needs jakarta.mail at run time, and only a
        // service started from its jar shows whether it is there (it once answered 421 to every mail).
        Properties smtp = new Properties();
        smtp.put("mail.smtp.host", "127.0.0.1");
        smtp.put("mail.smtp.port", String.valueOf(world.ingestSmtpPort()));
        MimeMessage mail = new MimeMessage(Session.getInstance(smtp));
        mail.setFrom(new InternetAddress("sam@acme-shop.example"));
        mail.setRecipients(jakarta.mail.Message.RecipientType.TO, "support@agency.example");
        mail.setSubject("Invoice copy, by mail");
        mail.setText("Could you send me a copy of last month's invoice?");
        Transport.send(mail);

        MessageReceived received = world.awaitOne(Topics.MESSAGES_RECEIVED,
                m -> "Invoice copy, by mail".equals(m.getSubject()));
        assertThat(received.getChannel()).isEqualTo(Channel.EMAIL);
        assertThat(received.getClientId()).isEqualTo("acme-shop");
        assertThat(received.getBody()).contains("last month's invoice");
    }

    @Test
    @Order(6)
    void a_consumer_that_knows_only_the_topic_and_the_confluent_compatible_registry_decodes_every_event() {
        ConfluentWireFormat anyConsumer = new ConfluentWireFormat(AfterhoursTestEnvironment.registry().confluentCompatibleUrl());
        for (Topic<String, ?> topic : Topics.ALL) {
            List<ConsumerRecord<byte[], byte[]>> records = TopicProbe.readUntil(topic, r -> !r.isEmpty(), StoryWorld.SOON);
            assertThat(records).as("records on %s", topic.name()).isNotEmpty();
            for (ConsumerRecord<byte[], byte[]> record : records) {
                ConfluentWireFormat.Decoded decoded = anyConsumer.decode(record.value());
                assertThat(decoded.writerSchema().getFullName()).isEqualTo(topic.valueType().getName());
                assertThat(decoded.record()).isNotNull();
            }
        }
    }

    @Test
    @Order(7)
    void every_metric_the_dashboards_and_alert_rules_use_is_exported() throws Exception {
        StringBuilder scraped = new StringBuilder();
        for (ServiceProcess service : List.of(ingest, classifier, scheduler, notifier)) {
            scraped.append(get(service, "/actuator/prometheus"));
        }
        java.util.Set<String> exported = scraped.toString().lines().filter(l -> l.startsWith("afterhours_"))
                .map(l -> l.split("[{ ]")[0]).collect(Collectors.toSet());
        java.util.Set<String> used = new java.util.TreeSet<>();
        List<Path> files = new ArrayList<>(List.of(Path.of("prometheus", "alerts.yml")));
        try (var dashboards = Files.list(Path.of("grafana"))) {
            dashboards.filter(f -> f.toString().endsWith(".json")).forEach(files::add);
        }
        for (Path file : files) {
            Matcher metric = Pattern.compile("afterhours_[a-z_]+").matcher(Files.readString(file));
            while (metric.find()) {
                used.add(metric.group());
            }
        }
        assertThat(used).isNotEmpty();
        assertThat(exported).as("metrics exported by the four services").containsAll(used);
    }

    @Test
    @Order(8)
    void every_dashboard_query_returns_series_and_every_alert_rule_evaluates_in_a_real_prometheus() throws Exception {
        // Prometheus scrapes the four services as a viewer would, once a second, with the alert rules loaded; the
        // check itself is the program `./afterhours check-dashboards` runs against the local stack.
        Path work = Files.createTempDirectory("story-prometheus");
        Path token = work.resolve("token");
        Files.writeString(token, AfterhoursTestEnvironment.issuer().bearer("victor", "viewer").substring("Bearer ".length()));
        StringBuilder targets = new StringBuilder();
        for (ServiceProcess service : List.of(ingest, classifier, scheduler, notifier)) {
            targets.append("      - targets: [\"").append(service.url("").getAuthority()).append("\"]\n");
        }
        Path config = work.resolve("prometheus.yml");
        Files.writeString(config, """
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                rule_files:
                  - %s
                scrape_configs:
                  - job_name: afterhours
                    metrics_path: /actuator/prometheus
                    authorization:
                      credentials_file: %s
                    static_configs:
                %s""".formatted(Path.of("prometheus", "alerts.yml").toAbsolutePath(), token, targets));
        String javaCommand = ProcessHandle.current().info().command().orElse("java");
        Process check = new ProcessBuilder(javaCommand, "local/DashboardCheck.java", "--config", config.toString(),
                "--dashboards", "grafana", "--timeout-seconds", "120").redirectErrorStream(true).start();
        String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.waitFor(3, TimeUnit.MINUTES)).isTrue();
        assumeTrue(check.exitValue() != 3,
                () -> "NOT CHECKED, Prometheus is not installed here (apt-get install prometheus): " + output);
        Files.delete(token);
        Files.delete(config);
        Files.delete(work);
        assertThat(check.exitValue()).as(output).isZero();
        assertThat(output).contains("panel queries and every alert rule passed");
    }

    // --- the world ---------------------------------------------------------------------------------------------

    /** Open only on the weekday two days from now (UTC), so a message now is never in hours. */
    private static ClientProfile closedUntilTheDayAfterTomorrow() {
        java.time.DayOfWeek openDay = Instant.now().atZone(ZoneOffset.UTC).getDayOfWeek().plus(2);
        return ClientProfile.newBuilder()
                .setClientId("night-owl").setName("Night Owl Bakery").setAccountManagerId("bob")
                .setCalendar(SupportCalendar.newBuilder().setZone("UTC")
                        .setWindows(List.of(new WeeklyWindow(DayOfWeek.valueOf(openDay.name()), "09:00", "17:00")))
                        .setHolidays(List.of()).setHolidayCountry(null).setHolidayRegion(null).build())
                .setSlaPolicy(new SlaPolicy(List.of(new SlaTarget(Urgency.NORMAL, "PT4H", SlaClock.BUSINESS),
                        new SlaTarget(Urgency.LOW, "PT8H", SlaClock.BUSINESS)), 75, 0))
                .setContacts(List.of(new ClientContact("Owl", null, "+15550111222", false)))
                .setEscalationPolicyId("agency-default")
                .build();
    }

    /** Always open, with 20-second SLAs, so timers fall due during the test. */
    private static ClientProfile quickSla() {
        List<WeeklyWindow> always = new ArrayList<>();
        for (DayOfWeek day : DayOfWeek.values()) {
            always.add(new WeeklyWindow(day, "00:00", "24:00"));
        }
        return ClientProfile.newBuilder()
                .setClientId("quick").setName("Quick Ltd").setAccountManagerId("carol")
                .setCalendar(SupportCalendar.newBuilder().setZone("UTC").setWindows(always).setHolidays(List.of())
                        .setHolidayCountry(null).setHolidayRegion(null).build())
                .setSlaPolicy(new SlaPolicy(List.of(new SlaTarget(Urgency.NORMAL, "PT20S", SlaClock.CALENDAR),
                        new SlaTarget(Urgency.LOW, "PT20S", SlaClock.CALENDAR), new SlaTarget(Urgency.HIGH, "PT20S", SlaClock.CALENDAR)), 75, 0))
                .setContacts(List.of(new ClientContact("Ops", "ops@quick.example", null, false)))
                .setEscalationPolicyId("agency-default")
                .build();
    }

    // --- helpers -------------------------------------------------------------------------------------------------

    /** A client's message, posted by the integrations with their API key; expects the status, returns the id. */
    private String post(String json, int expectedStatus) throws Exception {
        return messageId(send("/api/v1/messages", json, API_KEY_HEADER, integrationKey), expectedStatus);
    }

    /** Alice's reply to a client, posted signed in as staff (an integration's key may not post replies). */
    private String replyAsAlice(String json, int expectedStatus) throws Exception {
        return messageId(send("/api/v1/messages", json, "Authorization", alice()), expectedStatus);
    }

    private static String messageId(HttpResponse<String> response, int expectedStatus) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
        Matcher matcher = StoryWorld.MESSAGE_ID.matcher(response.body());
        assertThat(matcher.find()).as("messageId in %s", response.body()).isTrue();
        return matcher.group(1);
    }

    private HttpResponse<String> send(String path, String json, String credentialHeader, String credential)
            throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(ingest.url(path)).header("Content-Type", "application/json")
                .header(credentialHeader, credential)
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> postToNotifier(String path, String json, String authorization)
            throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(notifier.url(path)).header("Content-Type", "application/json")
                .header("Authorization", authorization).POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String get(ServiceProcess service, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(service.url(path))
                        .header("Authorization", AfterhoursTestEnvironment.issuer().bearer("victor", "viewer")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return response.body();
    }

    /** Alice, a staff member, signed in at the test's issuer; a fresh token each time, as a client would refresh. */
    private static String alice() {
        return AfterhoursTestEnvironment.issuer().bearer("alice", "staff");
    }
}
