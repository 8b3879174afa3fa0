package dev.afterhours.notifier;

import static dev.afterhours.notifier.TestEvents.WAIT;
import static dev.afterhours.notifier.TestEvents.awaitEvents;
import static dev.afterhours.notifier.TestEvents.client;
import static dev.afterhours.notifier.TestEvents.ensureTopics;
import static dev.afterhours.notifier.TestEvents.escalation;
import static dev.afterhours.notifier.TestEvents.freePort;
import static dev.afterhours.notifier.TestEvents.hmacHex;
import static dev.afterhours.notifier.TestEvents.level;
import static dev.afterhours.notifier.TestEvents.ofEscalation;
import static dev.afterhours.notifier.TestEvents.policy;
import static dev.afterhours.notifier.TestEvents.recipient;
import static dev.afterhours.notifier.TestEvents.send;
import static dev.afterhours.notifier.TestEvents.slaEvent;
import static dev.afterhours.notifier.TestEvents.subject;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.afterhours.contracts.CrmNoteAdded;
import dev.afterhours.contracts.DayOfWeek;
import dev.afterhours.contracts.EscalationReason;
import dev.afterhours.contracts.EscalationPolicy;
import dev.afterhours.contracts.EscalationRequested;
import dev.afterhours.contracts.NotificationAcknowledged;
import dev.afterhours.contracts.NotificationAttempted;
import dev.afterhours.contracts.NotificationChannel;
import dev.afterhours.contracts.NotificationDelivered;
import dev.afterhours.contracts.NotificationEscalated;
import dev.afterhours.contracts.NotificationEvent;
import dev.afterhours.contracts.NotificationFailed;
import dev.afterhours.contracts.QuietWindow;
import dev.afterhours.contracts.Rotation;
import dev.afterhours.contracts.SlaBreached;
import dev.afterhours.contracts.SlaWarned;
import dev.afterhours.contracts.StaffMember;
import dev.afterhours.contracts.Topic;
import dev.afterhours.contracts.Topics;
import dev.afterhours.contracts.Urgency;
import dev.afterhours.directory.DirectoryPublisher;
import dev.afterhours.directory.DirectoryView;
import dev.afterhours.notifier.acklink.AckLinkProperties;
import dev.afterhours.notifier.acklink.AckLinks;
import dev.afterhours.notifier.crm.CrmNotes;
import dev.afterhours.notifier.ledger.NotificationLedger;
import dev.afterhours.notifier.ledger.NotificationRecorder;
import dev.afterhours.notifier.ledger.RecordingFailedException;
import dev.afterhours.notifier.paging.NotificationIds;
import dev.afterhours.testkit.AfterhoursTestEnvironment;
import dev.afterhours.testkit.DeadLetterScenario;
import dev.afterhours.testkit.TopicProbe;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.assertj.core.data.Offset;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The notifier against a real broker and registry (testkit), a real HTTP server receiving webhooks and a real SMTP
 * server (GreenMail). Every scenario uses its own clients and staff, so the scenarios do not see each other's pages.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class NotifierIT {

    static final String SECRET = "it-secret-" + UUID.randomUUID();
    static final String RUN = UUID.randomUUID().toString().substring(0, 8);

    static final WebhookReceiver webhooks = WebhookReceiver.start();
    static final int SMTP_PORT = freePort();
    static final GreenMail smtp = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

    static {
        smtp.start();
    }
    static KafkaProducer<String, byte[]> rawProducer;

    // Scenario ids, unique per run: the broker is shared by every test class of this JVM.
    static final String ACME = "acme-" + RUN;
    static final String QUIET_CLIENT = "quiet-" + RUN;
    static final String BROKEN_CLIENT = "broken-" + RUN;
    static final String CLIMB_CLIENT = "climb-" + RUN;
    static final String ACKED_CLIENT = "acked-" + RUN;
    static final String ON_CALL = "oncall-" + RUN;
    static final String SPARE = "spare-" + RUN;
    static final String MANAGER = "am-" + RUN;
    static final String SLEEPY = "sleepy-" + RUN;
    static final String NIGHT = "night-" + RUN;
    static final String NIGHT_CLIENT = "night-co-" + RUN;
    static final String OTHER_NIGHT = "othernight-" + RUN;
    static final String OTHER_NIGHT_CLIENT = "othernight-co-" + RUN;
    static final String BROKEN = "brokenhook-" + RUN;
    static final String FIRST = "first-" + RUN;
    static final String SECOND = "second-" + RUN;
    static final String ACKER = "acker-" + RUN;
    static final String NEVER = "never-" + RUN;
    static final String MARKER_FIRST = "mfirst-" + RUN;
    static final String MARKER_SECOND = "msecond-" + RUN;
    static final String MARKER_CLIENT = "marker-" + RUN;
    static final String TRIAGE = "triage-" + RUN;
    static final String INWARD = "inward-" + RUN;
    static final String INWARD_CLIENT = "inward-co-" + RUN;
    static final String NO_HOST = "nohost-" + RUN;
    static final String NOT_HTTP = "nothttp-" + RUN;
    static final String GOOD_FIRST = "good1-" + RUN;
    static final String GOOD_SECOND = "good2-" + RUN;
    static final String BAD_FIRST_CLIENT = "badfirst-" + RUN;
    static final String FLAKY = "flaky-" + RUN;
    static final String FLAKY_CLIENT = "flaky-co-" + RUN;
    static final String LINKED = "linked-" + RUN;
    static final String LINK_CLIENT = "linked-co-" + RUN;
    static final String REPEATER = "repeater-" + RUN;
    static final String DUTY = "duty-" + RUN;
    static final String REPEAT_CLIENT = "repeat-co-" + RUN;

    // Two ack-link keys, as in the middle of a rotation: the first signs, both verify.
    static final AckLinkProperties.Key NEW_KEY = new AckLinkProperties.Key("it-new", "new-" + UUID.randomUUID() + UUID.randomUUID());
    static final AckLinkProperties.Key OLD_KEY = new AckLinkProperties.Key("it-old", "old-" + UUID.randomUUID() + UUID.randomUUID());

    /** A second receiver on loopback, not in the notifier's allow-list: it must never see a request. */
    static final WebhookReceiver inward = WebhookReceiver.start();

    @LocalServerPort
    int port;

    @Autowired
    DirectoryView directory;

    @Autowired
    CrmNotes crmNotes;

    @Autowired
    AckLinks ackLinks;

    @Autowired
    NotificationLedger ledger;

    final HttpClient http = HttpClient.newHttpClient();
    final JsonMapper json = JsonMapper.builder().build();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        AfterhoursTestEnvironment.springProperties().forEach((k, v) -> registry.add(k, () -> v));
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP_PORT);
        registry.add("afterhours.notifier.webhook-secret", () -> SECRET);
        registry.add("afterhours.notifier.public-base-url", () -> "http://notifier.test");
        registry.add("afterhours.notifier.retry-backoff", () -> "PT0.05S");
        registry.add("afterhours.notifier.webhook-timeout", () -> "PT2S");
        registry.add("afterhours.notifier.triage-staff-id", () -> TRIAGE);
        registry.add("afterhours.notifier.escalation-check-interval", () -> "PT0.2S");
        // The receiver of these scenarios, by host and port; the 'inward' receiver, on another loopback port, is not.
        registry.add("afterhours.notifier.outbound-allow", () -> "127.0.0.1:" + webhooks.port());
        registry.add("afterhours.notifier.ack-links.keys[0].id", NEW_KEY::id);
        registry.add("afterhours.notifier.ack-links.keys[0].secret", NEW_KEY::secret);
        registry.add("afterhours.notifier.ack-links.keys[1].id", OLD_KEY::id);
        registry.add("afterhours.notifier.ack-links.keys[1].secret", OLD_KEY::secret);
    }

    @BeforeAll
    static void seed() {
        ensureTopics();
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, AfterhoursTestEnvironment.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all");
        rawProducer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        webhooks.answer("/hooks/" + BROKEN, 500);

        Instant now = Instant.now();
        DateTimeFormatter hhmm = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);
        try (DirectoryPublisher publisher = TestEvents.loopbackPublisher()) {
            for (String id : List.of(ON_CALL, SPARE, MANAGER, FIRST, SECOND, ACKER, NEVER, MARKER_FIRST, MARKER_SECOND, TRIAGE, LINKED,
                    REPEATER, DUTY)) {
                publisher.publish(staff(id).build());
            }
            // Quiet hours from an hour ago to an hour ahead, on the UTC clock of a UTC person: quiet now.
            publisher.publish(staff(SLEEPY).setQuietFrom(hhmm.format(now.minus(Duration.ofHours(1))))
                    .setQuietTo(hhmm.format(now.plus(Duration.ofHours(1)))).build());
            // A weekly quiet window from an hour ago to an hour ahead, on the day it started (UTC person): quiet now,
            // and only an EMERGENCY may wake them, on the webhook alone. The same window three days on: not quiet now.
            java.time.DayOfWeek startDay = now.minus(Duration.ofHours(1)).atZone(ZoneOffset.UTC).getDayOfWeek();
            publisher.publish(staff(NIGHT).setQuietHours(List.of(quietWindow(startDay, now, hhmm)))
                    .setWakeChannels(List.of(NotificationChannel.WEBHOOK)).build());
            publisher.publish(staff(OTHER_NIGHT).setQuietHours(List.of(quietWindow(startDay.plus(3), now, hhmm)))
                    .setWakeChannels(List.of(NotificationChannel.WEBHOOK)).build());
            publisher.publish(client(NIGHT_CLIENT, "Night Owls", NIGHT, null));
            publisher.publish(client(OTHER_NIGHT_CLIENT, "Other Night", OTHER_NIGHT, null));
            publisher.publish(StaffMember.newBuilder().setStaffId(BROKEN).setName(BROKEN).setZone("UTC")
                    .setWebhookUrl(webhooks.url("/hooks/" + BROKEN)).build());
            // On call now: shift 0 of a daily rotation that started an hour ago.
            publisher.publish(Rotation.newBuilder().setRotationId("rot-" + RUN).setName("IT rotation")
                    .setMembers(List.of(ON_CALL, SPARE)).setStartsAt(now.minus(Duration.ofHours(1))).setShiftLength("P1D").build());
            publisher.publish(policy("pol-" + RUN, level("rot-" + RUN, List.of(), "PT1H"), level(null, List.of(SPARE), "PT1H")));
            publisher.publish(policy("climb-pol-" + RUN, level(null, List.of(FIRST), "PT1S"), level(null, List.of(SECOND), "PT1H")));
            publisher.publish(policy("acked-pol-" + RUN, level(null, List.of(ACKER), "PT2S"), level(null, List.of(NEVER), "PT1H")));
            publisher.publish(policy("marker-pol-" + RUN, level(null, List.of(MARKER_FIRST), "PT2S"), level(null, List.of(MARKER_SECOND), "PT1H")));
            publisher.publish(client(ACME, "Acme Shop", MANAGER, "pol-" + RUN));
            publisher.publish(client(QUIET_CLIENT, "Quiet Corp", SLEEPY, "pol-" + RUN));
            publisher.publish(client(BROKEN_CLIENT, "Broken Hook Ltd", BROKEN, null));
            publisher.publish(client(CLIMB_CLIENT, "Climb Inc", MANAGER, "climb-pol-" + RUN));
            publisher.publish(client(ACKED_CLIENT, "Acked GmbH", MANAGER, "acked-pol-" + RUN));
            publisher.publish(client(MARKER_CLIENT, "Marker SA", MANAGER, "marker-pol-" + RUN));
            publisher.publish(client(LINK_CLIENT, "Link & Co <Ltd>", LINKED, null));
            // One level, walked twice, then the duty manager: nobody answering never ends in silence.
            publisher.publish(EscalationPolicy.newBuilder(policy("repeat-pol-" + RUN, level(null, List.of(REPEATER), "PT1S")))
                    .setRepeat(1).setFinalStaffIds(List.of(DUTY)).build());
            publisher.publish(client(REPEAT_CLIENT, "Repeat GmbH", MANAGER, "repeat-pol-" + RUN));

            // Allowed when saved (as by an allow-list of 127.0.0.0/8), refused when called: the notifier's is narrower.
            publisher.publish(staff(INWARD).setWebhookUrl(inward.url("/hooks/" + INWARD)).build());
            publisher.publish(client(INWARD_CLIENT, "Inward Ltd", INWARD, null));

            for (String id : List.of(GOOD_FIRST, GOOD_SECOND, FLAKY)) {
                publisher.publish(StaffMember.newBuilder().setStaffId(id).setName(id).setZone("UTC")
                        .setWebhookUrl(webhooks.url("/hooks/" + id)).build());
            }
            publisher.publish(policy("badfirst-pol-" + RUN, level(null, List.of(NO_HOST, GOOD_FIRST), "PT1S"),
                    level(null, List.of(NOT_HTTP, GOOD_SECOND), "PT1H")));
            publisher.publish(client(BAD_FIRST_CLIENT, "Bad First Inc", GOOD_FIRST, "badfirst-pol-" + RUN));
            publisher.publish(client(FLAKY_CLIENT, "Flaky Write Co", FLAKY, null));
        }
        // Records the validator would refuse today, as written before it did: straight onto the directory topic.
        send(Topics.DIRECTORY_STAFF.name(), NO_HOST, StaffMember.newBuilder().setStaffId(NO_HOST).setName(NO_HOST).setZone("UTC")
                .setWebhookUrl("http:///x").build());
        send(Topics.DIRECTORY_STAFF.name(), NOT_HTTP, StaffMember.newBuilder().setStaffId(NOT_HTTP).setName(NOT_HTTP).setZone("UTC")
                .setWebhookUrl("mailto:x").build());
    }

    @AfterAll
    static void stop() {
        rawProducer.close();
        smtp.stop();
        webhooks.close();
        inward.close();
    }

    /** Fails the first write of a NotificationDelivered for {@link #FLAKY}, as a broker timeout would. */
    @TestConfiguration
    static class FlakyRecording {
        @Bean
        @Primary
        NotificationRecorder flakyRecorder(KafkaTemplate<String, SpecificRecord> avroKafkaTemplate, NotificationLedger ledger) {
            AtomicBoolean failed = new AtomicBoolean();
            return new NotificationRecorder(avroKafkaTemplate, ledger) {
                @Override
                public void record(NotificationEvent event) {
                    if (event.getPayload() instanceof NotificationDelivered d && d.getStaffId().equals(FLAKY)
                            && failed.compareAndSet(false, true)) {
                        throw new RecordingFailedException("injected: the broker did not take " + event.getEventId());
                    }
                    super.record(event);
                }
            };
        }
    }

    @BeforeEach
    void directoryHasTheScenarios() {
        await().atMost(WAIT).until(() -> directory.client(MARKER_CLIENT).isPresent() && directory.staff(SLEEPY).isPresent()
                && directory.client(NIGHT_CLIENT).isPresent() && directory.client(OTHER_NIGHT_CLIENT).isPresent()
                && directory.escalationPolicy("marker-pol-" + RUN).isPresent() && directory.rotation("rot-" + RUN).isPresent()
                && directory.client(FLAKY_CLIENT).isPresent() && directory.staff(NOT_HTTP).isPresent() && directory.staff(NO_HOST).isPresent()
                && directory.client(LINK_CLIENT).isPresent() && directory.staff(LINKED).isPresent());
    }

    // --- scenarios ----------------------------------------------------------------------------------------------

    @Test
    void anEmergencyPagesTheOnCallPersonOnceBySignedWebhookAndEmail() throws Exception {
        for (int i = 1; i <= 4; i++) {
            send(Topics.CRM_NOTES.name(), ACME, CrmNoteAdded.newBuilder().setNoteId("note-" + RUN + "-" + i)
                    .setClientId(ACME).setAuthor("alice").setText("note " + i)
                    // fixed instant: a note's time only orders the notes; no timer runs on it
                    .setAddedAt(Instant.parse("2026-01-0" + i + "T10:00:00Z")).build());
        }
        await().atMost(WAIT).until(() -> crmNotes.search(ACME, null, null).size() == 4);

        EscalationRequested escalation = escalation("esc-" + RUN, ACME, "checkout is broken " + RUN);
        send(Topics.ESCALATIONS.name(), ACME, escalation);

        String path = "/hooks/" + ON_CALL;
        await().atMost(WAIT).until(() -> hooks(path, escalation).size() == 1 && emailsAbout(escalation).size() == 1);
        WebhookReceiver.Received page = hooks(path, escalation).getFirst();
        assertThat(page.header("Content-Type")).startsWith("application/json");
        assertThat(page.header("X-Afterhours-Signature"))
                .isEqualTo("sha256=" + hmacHex(SECRET, page.header("X-Afterhours-Timestamp") + "." + page.body()));
        assertThat(Long.parseLong(page.header("X-Afterhours-Timestamp"))).isCloseTo(Instant.now().getEpochSecond(),
                Offset.offset(120L));
        JsonNode body = json.readTree(page.body());
        String notificationId = body.get("notificationId").asString();
        assertThat(page.header("Idempotency-Key")).isEqualTo(notificationId);
        assertThat(UUID.fromString(notificationId).version()).as("random, not name-based").isEqualTo(4);
        assertThat(notificationId).isNotEqualTo(NotificationIds.dedupKey(escalation.getEscalationId(), 1, ON_CALL, NotificationChannel.WEBHOOK));
        assertThat(body.get("escalationId").asString()).isEqualTo(escalation.getEscalationId());
        assertThat(body.get("clientName").asString()).isEqualTo("Acme Shop");
        assertThat(body.get("urgency").asString()).isEqualTo("EMERGENCY");
        assertThat(body.get("message").get("from").asString()).isEqualTo("dana@acme.example");
        assertThat(body.get("ackUrl").asString()).as("a signed link for this person, on the public base URL")
                .startsWith("http://notifier.test/api/v1/notifications/" + notificationId + "/ack-link?staff=" + ON_CALL + "&exp=")
                .contains("&kid=" + NEW_KEY.id() + "&sig=");
        assertThat(body.get("crmNotes")).extracting(n -> n.get("text").asString()).containsExactly("note 4", "note 3", "note 2");

        MimeMessage mail = emailsAbout(escalation).getFirst();
        assertThat(mail.getSubject()).isEqualTo("[911] Acme Shop: checkout is broken " + RUN);
        assertThat(mail.getAllRecipients()[0].toString()).isEqualTo(ON_CALL + "@agency.test");
        assertThat(mail.getContent().toString()).contains("dana@acme.example", "note 4")
                .containsPattern("\\R  http://notifier\\.test/api/v1/notifications/[0-9a-f-]{36}/ack-link\\?staff=" + ON_CALL + "&exp=\\d+&kid=it-new&sig=[A-Za-z0-9_-]{43}\\R")
                .as("the email's own notification, not the webhook's").doesNotContain(notificationId + "/ack-link");

        List<NotificationEvent> delivered = awaitEvents(events -> ofEscalation(events, escalation.getEscalationId(), NotificationDelivered.class).size() >= 2);
        assertThat(ofEscalation(delivered, escalation.getEscalationId(), NotificationDelivered.class))
                .extracting(e -> ((NotificationDelivered) e.getPayload()).getChannel())
                .containsExactlyInAnyOrder(NotificationChannel.WEBHOOK, NotificationChannel.EMAIL);
        NotificationEvent webhookDelivery = ofEscalation(delivered, escalation.getEscalationId(), NotificationDelivered.class).stream()
                .filter(e -> ((NotificationDelivered) e.getPayload()).getChannel() == NotificationChannel.WEBHOOK).findFirst().orElseThrow();
        assertThat(webhookDelivery.getNotificationId()).isEqualTo(notificationId);
        assertThat(webhookDelivery.getDedupKey()).isEqualTo(NotificationIds.dedupKey(escalation.getEscalationId(), 1, ON_CALL,
                NotificationChannel.WEBHOOK));
        assertThat(ofEscalation(delivered, escalation.getEscalationId(), NotificationAttempted.class))
                .as("the intent, written before the send, under the same id")
                .anySatisfy(e -> assertThat(e.getNotificationId()).isEqualTo(notificationId));
        assertThat(webhookDelivery.getClientId()).isEqualTo(ACME);
        NotificationDelivered payload = (NotificationDelivered) webhookDelivery.getPayload();
        assertThat(payload.getStaffId()).isEqualTo(ON_CALL);
        assertThat(payload.getLevel()).isEqualTo(1);
        assertThat(payload.getReason()).isEqualTo(EscalationReason.EMERGENCY);
        assertThat(payload.getDestination()).isEqualTo(webhooks.url(path));

        // The same escalation again (a redelivery upstream): no second page. A later escalation for the same client
        // (same partition, so processed after the duplicate) shows the duplicate has been dealt with.
        send(Topics.ESCALATIONS.name(), ACME, escalation);
        EscalationRequested later = escalation("esc-later-" + RUN, ACME, "site is down " + RUN);
        send(Topics.ESCALATIONS.name(), ACME, later);
        await().atMost(WAIT).until(() -> hooks(path, later).size() == 1 && emailsAbout(later).size() == 1);
        assertThat(hooks(path, escalation)).hasSize(1);
        assertThat(emailsAbout(escalation)).hasSize(1);
        assertThat(ofEscalation(awaitEvents(events -> ofEscalation(events, later.getEscalationId(), NotificationDelivered.class).size() >= 2),
                escalation.getEscalationId(), NotificationDelivered.class)).hasSize(2);
        assertThat(get("/actuator/prometheus").body())
                .containsPattern("afterhours_notifier_notifications_total\\{[^}]*outcome=\"suppressed_duplicate\"[^}]*\\} [1-9]");

        // Only someone paged for the escalation takes it: another staff member (in the directory) may not.
        HttpResponse<String> notPaged = postAs(SLEEPY, "/api/v1/notifications/" + notificationId + "/ack", "{}");
        assertThat(notPaged.statusCode()).as(notPaged.body()).isEqualTo(403);
        assertThat(json.readTree(notPaged.body()).get("detail").asString()).contains("was not paged");
        assertThat(postWith(AfterhoursTestEnvironment.issuer().bearer(ON_CALL, "viewer"),
                "/api/v1/notifications/" + notificationId + "/ack", "{}").statusCode()).as("a viewer").isEqualTo(403);

        // Acknowledge, as the person the token names: a NotificationAcknowledged event; a repeat publishes nothing new.
        HttpResponse<String> ack = postAs(ON_CALL, "/api/v1/notifications/" + notificationId + "/ack",
                "{\"staffId\": \"" + ON_CALL + "\", \"note\": \"on it\"}");
        assertThat(ack.statusCode()).isEqualTo(200);
        assertThat(json.readTree(ack.body()).get("alreadyAcknowledged").asBoolean()).isFalse();
        HttpResponse<String> again = postAs(ON_CALL, "/api/v1/notifications/" + notificationId + "/ack", "{}");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(json.readTree(again.body()).get("alreadyAcknowledged").asBoolean()).isTrue();
        assertThat(json.readTree(again.body()).get("note").asString()).isEqualTo("on it");
        List<NotificationEvent> acked = awaitEvents(events -> !ofEscalation(events, escalation.getEscalationId(), NotificationAcknowledged.class).isEmpty());
        assertThat(ofEscalation(acked, escalation.getEscalationId(), NotificationAcknowledged.class)).singleElement().satisfies(e -> {
            assertThat(e.getNotificationId()).isEqualTo(notificationId);
            assertThat(((NotificationAcknowledged) e.getPayload()).getStaffId()).isEqualTo(ON_CALL);
            assertThat(((NotificationAcknowledged) e.getPayload()).getNote()).isEqualTo("on it");
        });

        // The history lists what was paged, newest first.
        HttpResponse<String> history = get("/api/v1/notifications?clientId=" + ACME + "&limit=50");
        assertThat(history.statusCode()).isEqualTo(200);
        JsonNode events = json.readTree(history.body());
        assertThat(events.get(0).get("type").asString()).isEqualTo("ACKNOWLEDGED");
        assertThat(events.valueStream().filter(e -> e.get("type").asString().equals("DELIVERED")
                && e.get("notificationId").asString().equals(notificationId))).singleElement()
                .satisfies(e -> {
                    assertThat(e.get("channel").asString()).isEqualTo("WEBHOOK");
                    assertThat(e.get("staffId").asString()).isEqualTo(ON_CALL);
                });
        assertThat(json.readTree(get("/api/v1/notifications?clientId=" + ACME + "&limit=1").body())).hasSize(1);
    }

    @Test
    void ackRejectsUnknownIdsAndBadFields() throws Exception {
        HttpResponse<String> unknown = postAs(ON_CALL, "/api/v1/notifications/no-such-id/ack", "{}");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(postWith(null, "/api/v1/notifications/no-such-id/ack", "{}").statusCode()).isEqualTo(401);
        assertThat(postWith("Bearer " + AfterhoursTestEnvironment.issuer().expiredToken(ON_CALL, "staff"),
                "/api/v1/notifications/no-such-id/ack", "{}").statusCode()).isEqualTo(401);
        // The acknowledging person is whoever signed in: naming someone else in the body is refused.
        HttpResponse<String> impostor = postAs(ON_CALL, "/api/v1/notifications/no-such-id/ack", "{\"staffId\": \"mallory\"}");
        assertThat(impostor.statusCode()).isEqualTo(400);
        assertThat(json.readTree(impostor.body()).get("field").asString()).isEqualTo("staffId");
        HttpResponse<String> stranger = postAs("mallory", "/api/v1/notifications/no-such-id/ack", "{}");
        assertThat(stranger.statusCode()).isEqualTo(403);
        assertThat(json.readTree(stranger.body()).get("detail").asString()).contains("mallory", "not a staff member");
        assertThat(postAs(ON_CALL, "/api/v1/notifications/no-such-id/ack", "not json").statusCode()).isEqualTo(400);
        HttpResponse<String> badLimit = get("/api/v1/notifications?limit=0");
        assertThat(badLimit.statusCode()).isEqualTo(400);
        assertThat(json.readTree(badLimit.body()).get("field").asString()).isEqualTo("limit");
    }

    @Test
    void anSlaBreachPagesTheAccountManager() throws Exception {
        String slaId = "sla-" + RUN;
        send(Topics.SLA_EVENTS.name(), ACME, slaEvent("warn-" + RUN, ACME, slaId, SlaWarned.newBuilder().setDueAt(Instant.now().plusSeconds(60)).setRemaining("PT1M").build()));
        send(Topics.SLA_EVENTS.name(), ACME, slaEvent("breach-" + RUN, ACME, slaId, new SlaBreached(Instant.now())));

        String path = "/hooks/" + MANAGER;
        await().atMost(WAIT).until(() -> webhooks.to(path).stream().anyMatch(r -> r.body().contains("breach-" + RUN)));
        List<WebhookReceiver.Received> pages = webhooks.to(path).stream().filter(r -> r.body().contains(slaId)).toList();
        assertThat(pages).as("the warning pages nobody; the breach once").hasSize(1);
        JsonNode body = json.readTree(pages.getFirst().body());
        assertThat(body.get("reason").asString()).isEqualTo("SLA_BREACH");
        assertThat(body.get("escalationId").asString()).isEqualTo("sla-breach:breach-" + RUN);
        await().atMost(WAIT).until(() -> smtp.findReceivedMessages(u -> true, m -> subject(m).startsWith("[SLA breached] Acme Shop:")
                && recipient(m).equals(MANAGER + "@agency.test")).count() == 1);
        List<NotificationEvent> events = awaitEvents(e -> ofEscalation(e, "sla-breach:breach-" + RUN, NotificationDelivered.class).size() >= 2);
        assertThat(ofEscalation(events, "sla-breach:breach-" + RUN, NotificationDelivered.class))
                .allSatisfy(e -> assertThat(((NotificationDelivered) e.getPayload()).getStaffId()).isEqualTo(MANAGER));
    }

    @Test
    void aBreachWhileTheAccountManagerIsQuietEmailsThemSilentlyAndPagesOnCall() throws Exception {
        String eventId = "quiet-breach-" + RUN;
        send(Topics.SLA_EVENTS.name(), QUIET_CLIENT, slaEvent(eventId, QUIET_CLIENT, "sla-q-" + RUN, new SlaBreached(Instant.now())));

        await().atMost(WAIT).until(() -> webhooks.to("/hooks/" + ON_CALL).stream().anyMatch(r -> r.body().contains(eventId))
                && smtp.findReceivedMessages(u -> true, m -> subject(m).contains("Quiet Corp") && recipient(m).equals(SLEEPY + "@agency.test")).count() == 1);
        List<NotificationEvent> events = awaitEvents(e -> ofEscalation(e, "sla-breach:" + eventId, NotificationDelivered.class).size() >= 3);
        assertThat(ofEscalation(events, "sla-breach:" + eventId, NotificationDelivered.class))
                .extracting(e -> ((NotificationDelivered) e.getPayload()).getStaffId() + "/" + ((NotificationDelivered) e.getPayload()).getChannel())
                .containsExactlyInAnyOrder(SLEEPY + "/EMAIL", ON_CALL + "/WEBHOOK", ON_CALL + "/EMAIL");
        assertThat(webhooks.to("/hooks/" + SLEEPY)).as("nothing pushed during quiet hours").isEmpty();
    }

    @Test
    void inAWeekdayQuietWindowAHighPageWaitsInTheInboxWhileAnEmergencyWakesOnlyOnTheAllowedChannel() throws Exception {
        EscalationRequested high = EscalationRequested.newBuilder(escalation("esc-night-high-" + RUN, NIGHT_CLIENT, "slow report " + RUN))
                .setReason(EscalationReason.CLIENT_ESCALATION).setUrgency(Urgency.HIGH).build();
        EscalationRequested emergency = escalation("esc-night-emergency-" + RUN, NIGHT_CLIENT, "site is down " + RUN);
        EscalationRequested otherDay = EscalationRequested.newBuilder(escalation("esc-othernight-" + RUN, OTHER_NIGHT_CLIENT, "other day " + RUN))
                .setReason(EscalationReason.CLIENT_ESCALATION).setUrgency(Urgency.HIGH).build();
        send(Topics.ESCALATIONS.name(), NIGHT_CLIENT, high);
        send(Topics.ESCALATIONS.name(), NIGHT_CLIENT, emergency);
        send(Topics.ESCALATIONS.name(), OTHER_NIGHT_CLIENT, otherDay);

        List<NotificationEvent> events = awaitEvents(e -> !ofEscalation(e, high.getEscalationId(), NotificationDelivered.class).isEmpty()
                && !ofEscalation(e, emergency.getEscalationId(), NotificationDelivered.class).isEmpty()
                && ofEscalation(e, otherDay.getEscalationId(), NotificationDelivered.class).size() >= 2);
        assertThat(ofEscalation(events, high.getEscalationId(), NotificationDelivered.class))
                .as("HIGH in quiet hours: the silent email only").extracting(e -> ((NotificationDelivered) e.getPayload()).getChannel())
                .containsExactly(NotificationChannel.EMAIL);
        assertThat(ofEscalation(events, emergency.getEscalationId(), NotificationDelivered.class))
                .as("EMERGENCY in quiet hours: the wake channel only").extracting(e -> ((NotificationDelivered) e.getPayload()).getChannel())
                .containsExactly(NotificationChannel.WEBHOOK);
        assertThat(ofEscalation(events, otherDay.getEscalationId(), NotificationDelivered.class))
                .as("the same hours on another day are not quiet").extracting(e -> ((NotificationDelivered) e.getPayload()).getChannel())
                .containsExactlyInAnyOrder(NotificationChannel.WEBHOOK, NotificationChannel.EMAIL);
        assertThat(hooks("/hooks/" + NIGHT, high)).as("nothing pushed for HIGH").isEmpty();
        assertThat(hooks("/hooks/" + NIGHT, emergency)).hasSize(1);
        assertThat(emailsAbout(high)).hasSize(1);
        assertThat(emailsAbout(emergency)).as("e-mail is not a wake channel for this person").isEmpty();
        assertThat(ofEscalation(events, high.getEscalationId(), NotificationFailed.class)).isEmpty();
        assertThat(ofEscalation(events, emergency.getEscalationId(), NotificationFailed.class)).isEmpty();
    }

    static QuietWindow quietWindow(java.time.DayOfWeek startDay, Instant now, DateTimeFormatter hhmm) {
        return QuietWindow.newBuilder().setDays(List.of(DayOfWeek.valueOf(startDay.name())))
                .setFrom(hhmm.format(now.minus(Duration.ofHours(1)))).setTo(hhmm.format(now.plus(Duration.ofHours(1)))).build();
    }

    @Test
    void aFailingWebhookIsRetriedThenRecordedAsFailed() {
        EscalationRequested escalation = escalation("esc-broken-" + RUN, BROKEN_CLIENT, "broken hook " + RUN);
        send(Topics.ESCALATIONS.name(), BROKEN_CLIENT, escalation);

        List<NotificationEvent> events = awaitEvents(e -> !ofEscalation(e, escalation.getEscalationId(), NotificationFailed.class).isEmpty());
        NotificationFailed failed = (NotificationFailed) ofEscalation(events, escalation.getEscalationId(), NotificationFailed.class).getFirst().getPayload();
        assertThat(failed.getStaffId()).isEqualTo(BROKEN);
        assertThat(failed.getChannel()).isEqualTo(NotificationChannel.WEBHOOK);
        assertThat(failed.getError()).contains("HTTP 500").contains("3 attempts");
        String notificationId = ofEscalation(events, escalation.getEscalationId(), NotificationFailed.class).getFirst().getNotificationId();
        assertThat(webhooks.to("/hooks/" + BROKEN)).as("three attempts, one idempotency key").hasSize(3)
                .extracting(r -> r.header("Idempotency-Key")).containsOnly(notificationId);
        assertThat(ofEscalation(events, escalation.getEscalationId(), NotificationDelivered.class)).isEmpty();
    }

    @Test
    void anUnacknowledgedPageEscalatesToTheNextLevel() {
        EscalationRequested escalation = escalation("esc-climb-" + RUN, CLIMB_CLIENT, "climb " + RUN);
        send(Topics.ESCALATIONS.name(), CLIMB_CLIENT, escalation);

        await().atMost(WAIT).until(() -> webhooks.to("/hooks/" + FIRST).size() == 1 && webhooks.to("/hooks/" + SECOND).size() == 1);
        assertThat(json.readTree(webhooks.to("/hooks/" + SECOND).getFirst().body()).get("level").asInt()).isEqualTo(2);
        List<NotificationEvent> events = awaitEvents(e -> !ofEscalation(e, escalation.getEscalationId(), NotificationEscalated.class).isEmpty());
        NotificationEscalated step = (NotificationEscalated) ofEscalation(events, escalation.getEscalationId(), NotificationEscalated.class).getFirst().getPayload();
        assertThat(step.getFromLevel()).isEqualTo(1);
        assertThat(step.getToLevel()).isEqualTo(2);
        assertThat(step.getWhy()).contains("not acknowledged");
    }

    @Test
    void aPolicyNobodyAnswersRepeatsThenTakesItsFinalActionAndRecordsEachStep() {
        EscalationRequested escalation = escalation("esc-repeat-" + RUN, REPEAT_CLIENT, "repeat " + RUN);
        send(Topics.ESCALATIONS.name(), REPEAT_CLIENT, escalation);

        await().atMost(WAIT).until(() -> webhooks.to("/hooks/" + DUTY).size() == 1);
        assertThat(webhooks.to("/hooks/" + REPEATER)).as("paged in both rounds").hasSize(2)
                .extracting(r -> json.readTree(r.body()).get("level").asInt()).containsExactly(1, 2);
        assertThat(json.readTree(webhooks.to("/hooks/" + DUTY).getFirst().body()).get("level").asInt()).isEqualTo(3);
        List<NotificationEvent> events = awaitEvents(e -> ofEscalation(e, escalation.getEscalationId(), NotificationEscalated.class).size() == 2);
        assertThat(ofEscalation(events, escalation.getEscalationId(), NotificationEscalated.class))
                .extracting(e -> (NotificationEscalated) e.getPayload())
                .extracting(s -> s.getFromLevel() + "->" + s.getToLevel())
                .containsExactly("1->2", "2->3");
        // The final action is the last step: nothing follows it, however long nobody answers.
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6))
                .until(() -> webhooks.to("/hooks/" + DUTY).size() == 1 && webhooks.to("/hooks/" + REPEATER).size() == 2);
    }

    @Test
    void anAcknowledgedPageDoesNotEscalate() throws Exception {
        EscalationRequested escalation = escalation("esc-acked-" + RUN, ACKED_CLIENT, "acked " + RUN);
        send(Topics.ESCALATIONS.name(), ACKED_CLIENT, escalation);
        await().atMost(WAIT).until(() -> webhooks.to("/hooks/" + ACKER).size() == 1);
        String notificationId = webhooks.to("/hooks/" + ACKER).getFirst().header("Idempotency-Key");
        assertThat(postAs(ACKER, "/api/v1/notifications/" + notificationId + "/ack", "{}").statusCode()).isEqualTo(200);

        // A marker with the same 2s timeout, requested after the acknowledgement, escalates later than the acked
        // page would have: once it has, the acked page would have too, had the acknowledgement not stopped it.
        send(Topics.ESCALATIONS.name(), MARKER_CLIENT, escalation("esc-marker-" + RUN, MARKER_CLIENT, "marker " + RUN));
        await().atMost(WAIT).until(() -> webhooks.to("/hooks/" + MARKER_SECOND).size() == 1);
        assertThat(webhooks.to("/hooks/" + NEVER)).isEmpty();
    }

    @Test
    void aMessageFromAnUnknownSenderGoesToTriage() {
        String unknownClient = "nobody-knows-" + RUN;
        EscalationRequested escalation = escalation("esc-triage-" + RUN, unknownClient, "who is this " + RUN);
        send(Topics.ESCALATIONS.name(), unknownClient, escalation);
        await().atMost(WAIT).until(() -> webhooks.to("/hooks/" + TRIAGE).size() == 1);
        assertThat(json.readTree(webhooks.to("/hooks/" + TRIAGE).getFirst().body()).get("clientName").asString())
                .isEqualTo("Unknown sender dana@acme.example");
    }

    @Test
    void aPoisonRecordIsParkedInTheDeadLetterTopic() throws Exception {
        byte[] garbage = ("not avro " + RUN).getBytes(StandardCharsets.UTF_8);
        rawProducer.send(new ProducerRecord<>(Topics.ESCALATIONS.name(), "poison-" + RUN, garbage)).get();
        List<ConsumerRecord<byte[], byte[]>> parked = TopicProbe.readUntil(
                new Topic<>(Topics.ESCALATIONS.deadLetterTopic(), String.class, byte[].class, false),
                records -> records.stream().anyMatch(r -> Arrays.equals(r.value(), garbage)), WAIT);
        assertThat(parked).anyMatch(r -> Arrays.equals(r.value(), garbage));
    }

    @Test
    void anAdminListsTheParkedRecordAndReplaysItExactlyOnce() throws Exception {
        DeadLetterScenario.poisonIsParkedListedAndReplayedExactlyOnce(port, Topics.ESCALATIONS);
    }

    @Test
    void readinessIsUpOnceTheDirectoryAndLedgerAreLoaded() throws Exception {
        await().atMost(WAIT).until(() -> get("/actuator/health/readiness").statusCode() == 200);
        assertThat(get("/actuator/health/readiness").body()).contains("\"directory\"", "\"paging\"");
    }

    @Test
    void aWebhookPointingInwardIsNotCalledAtCallTimeWhileEmailStillGoesOut() {
        EscalationRequested escalation = escalation("esc-inward-" + RUN, INWARD_CLIENT, "inward " + RUN);
        send(Topics.ESCALATIONS.name(), INWARD_CLIENT, escalation);

        List<NotificationEvent> events = awaitEvents(e -> !ofEscalation(e, escalation.getEscalationId(), NotificationFailed.class).isEmpty()
                && !ofEscalation(e, escalation.getEscalationId(), NotificationDelivered.class).isEmpty());
        NotificationFailed failed = (NotificationFailed) ofEscalation(events, escalation.getEscalationId(), NotificationFailed.class)
                .getFirst().getPayload();
        assertThat(failed.getChannel()).isEqualTo(NotificationChannel.WEBHOOK);
        assertThat(failed.getError()).startsWith("refused: webhookUrl").contains("127.0.0.1", "loopback");
        assertThat(ofEscalation(events, escalation.getEscalationId(), NotificationDelivered.class))
                .extracting(e -> ((NotificationDelivered) e.getPayload()).getChannel()).containsExactly(NotificationChannel.EMAIL);
        assertThat(inward.all()).as("the refused receiver saw nothing").isEmpty();
    }

    @Test
    void aRecipientWithABadUrlDoesNotStopTheOthersNorTheNextLevel() {
        EscalationRequested escalation = escalation("esc-badfirst-" + RUN, BAD_FIRST_CLIENT, "bad first " + RUN);
        send(Topics.ESCALATIONS.name(), BAD_FIRST_CLIENT, escalation);

        // Level 1 lists the hostless URL first, then a good one; level 2 (after 1 s unacknowledged) a mailto: first.
        await().atMost(WAIT).until(() -> hooks("/hooks/" + GOOD_FIRST, escalation).size() == 1
                && hooks("/hooks/" + GOOD_SECOND, escalation).size() == 1);
        assertThat(json.readTree(hooks("/hooks/" + GOOD_SECOND, escalation).getFirst().body()).get("level").asInt()).isEqualTo(2);
        List<NotificationEvent> events = awaitEvents(e -> ofEscalation(e, escalation.getEscalationId(), NotificationFailed.class).size() >= 2);
        assertThat(ofEscalation(events, escalation.getEscalationId(), NotificationFailed.class))
                .extracting(e -> (NotificationFailed) e.getPayload())
                .anySatisfy(f -> {
                    assertThat(f.getStaffId()).isEqualTo(NO_HOST);
                    assertThat(f.getError()).contains("no host");
                })
                .anySatisfy(f -> {
                    assertThat(f.getStaffId()).isEqualTo(NOT_HTTP);
                    assertThat(f.getError()).contains("http or https");
                });
        assertThat(hooks("/hooks/" + GOOD_FIRST, escalation)).hasSize(1);
    }

    @Test
    void aPageIsSentOnceEvenWhenRecordingItsDeliveryFails() throws Exception {
        EscalationRequested escalation = escalation("esc-flaky-" + RUN, FLAKY_CLIENT, "flaky write " + RUN);
        send(Topics.ESCALATIONS.name(), FLAKY_CLIENT, escalation);

        // The first delivered-write throws; the record is processed again, finds the intent without an outcome, and
        // records the outcome as unknown instead of paging a second time.
        List<NotificationEvent> events = awaitEvents(e -> !ofEscalation(e, escalation.getEscalationId(), NotificationFailed.class).isEmpty());
        NotificationEvent failedEvent = ofEscalation(events, escalation.getEscalationId(), NotificationFailed.class).getFirst();
        NotificationFailed failed = (NotificationFailed) failedEvent.getPayload();
        assertThat(failed.getOutcomeUnknown()).isTrue();
        assertThat(failed.getError()).contains("outcome unknown");
        assertThat(webhooks.to("/hooks/" + FLAKY)).as("exactly one request").hasSize(1);
        String notificationId = webhooks.to("/hooks/" + FLAKY).getFirst().header("Idempotency-Key");
        assertThat(failedEvent.getNotificationId()).isEqualTo(notificationId);
        assertThat(ofEscalation(events, escalation.getEscalationId(), NotificationAttempted.class)).singleElement()
                .satisfies(e -> assertThat(e.getNotificationId()).isEqualTo(notificationId));
        assertThat(ofEscalation(events, escalation.getEscalationId(), NotificationDelivered.class)).isEmpty();

        // A further redelivery does not page either; the person who may have the page can still acknowledge it.
        send(Topics.ESCALATIONS.name(), FLAKY_CLIENT, escalation);
        EscalationRequested later = escalation("esc-flaky-later-" + RUN, FLAKY_CLIENT, "flaky later " + RUN);
        send(Topics.ESCALATIONS.name(), FLAKY_CLIENT, later);
        await().atMost(WAIT).until(() -> hooks("/hooks/" + FLAKY, later).size() == 1);
        assertThat(hooks("/hooks/" + FLAKY, escalation)).hasSize(1);
        assertThat(postAs(FLAKY, "/api/v1/notifications/" + notificationId + "/ack", "{}").statusCode())
                .isEqualTo(200);
    }

    @Test
    void aSignedLinkOpensWithoutSignInAndAcknowledgesOnceAsThePersonItNames() throws Exception {
        EscalationRequested escalation = escalation("esc-link-" + RUN, LINK_CLIENT, "link " + RUN);
        send(Topics.ESCALATIONS.name(), LINK_CLIENT, escalation);
        String path = "/hooks/" + LINKED;
        await().atMost(WAIT).until(() -> hooks(path, escalation).size() == 1 && emailsAbout(escalation).size() == 1);
        JsonNode page = json.readTree(hooks(path, escalation).getFirst().body());
        String notificationId = page.get("notificationId").asString();
        String link = local(page.get("ackUrl").asString());
        assertThat(Instant.parse(page.get("ackUrlExpiresAt").asString())).as("the default ttl, PT4H")
                .isCloseTo(Instant.now().plus(Duration.ofHours(4)), within(2, ChronoUnit.MINUTES));

        // GET (a mail scanner, a link preview, the person opening it) shows a form and acknowledges nothing.
        HttpResponse<String> shown = anonymous("GET", link, null, "text/html");
        assertThat(shown.statusCode()).as(shown.body()).isEqualTo(200);
        assertThat(shown.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(shown.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(shown.headers().firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("no-store"));
        assertThat(shown.body()).contains("<form method=\"post\">", "name=\"note\"", "<strong>" + LINKED + "</strong>",
                "Link &amp; Co &lt;Ltd&gt;").doesNotContain("<script", "Link & Co <Ltd>");
        HttpResponse<String> shownJson = anonymous("GET", link, null, "application/json");
        assertThat(json.readTree(shownJson.body()).get("staffId").asString()).isEqualTo(LINKED);
        assertThat(ledger.ack(notificationId)).as("a GET changes nothing").isEmpty();

        // Forged: another person, another notification, a later expiry, a changed signature, a key we do not hold.
        int sig = link.indexOf("&sig=") + "&sig=".length();
        for (String forged : List.of(link.replace("staff=" + LINKED, "staff=" + ON_CALL),
                link.replace(notificationId, UUID.randomUUID().toString()),
                link.replaceFirst("exp=(\\d+)", "exp=9$1"),
                link.substring(0, sig) + (link.charAt(sig) == 'A' ? 'B' : 'A') + link.substring(sig + 1),
                link.replace("kid=" + NEW_KEY.id(), "kid=it-gone"),
                link.substring(0, link.indexOf("&sig=")))) {
            HttpResponse<String> refused = anonymous("POST", forged, "note=mine", "application/json");
            assertThat(refused.statusCode()).as(forged + " " + refused.body()).isEqualTo(403);
            assertThat(json.readTree(refused.body()).get("reason").asString()).isEqualTo("forged");
        }
        assertThat(anonymous("POST", link.replace("staff=" + LINKED, "staff=" + ON_CALL), "", "text/html").body())
                .contains("not valid");
        // Expired: genuinely signed with the service's own key, but its time is up.
        String expired = local(ackLinks.issue(notificationId, LINKED, Instant.now().minusSeconds(60)).url());
        HttpResponse<String> late = anonymous("POST", expired, "", "application/json");
        assertThat(late.statusCode()).as(late.body()).isEqualTo(410);
        assertThat(json.readTree(late.body()).get("reason").asString()).isEqualTo("expired");
        // The signed-in API stays signed-in: the public path is the link's alone.
        assertThat(anonymous("POST", "http://localhost:" + port + "/api/v1/notifications/" + notificationId + "/ack", "", "application/json")
                .statusCode()).isEqualTo(401);
        assertThat(ledger.ack(notificationId)).as("no refusal acknowledged anything").isEmpty();

        // POST, the form's button: acknowledged as the person the link names, with the note.
        HttpResponse<String> acked = anonymous("POST", link, "note=on+my+way+%26+checking", "text/html");
        assertThat(acked.statusCode()).as(acked.body()).isEqualTo(200);
        assertThat(acked.body()).contains("Acknowledged", LINKED);
        // Used: a second POST, and a GET, are 410.
        HttpResponse<String> again = anonymous("POST", link, "", "application/json");
        assertThat(again.statusCode()).as(again.body()).isEqualTo(410);
        assertThat(json.readTree(again.body()).get("reason").asString()).isEqualTo("used");
        assertThat(anonymous("GET", link, null, "text/html").statusCode()).isEqualTo(410);

        // The email's link, signed with the previous key (still listed), POSTed twice at once: one wins.
        String emailId = ofEscalation(awaitEvents(e -> ofEscalation(e, escalation.getEscalationId(), NotificationDelivered.class).size() >= 2),
                escalation.getEscalationId(), NotificationDelivered.class).stream()
                .filter(e -> ((NotificationDelivered) e.getPayload()).getChannel() == NotificationChannel.EMAIL)
                .findFirst().orElseThrow().getNotificationId();
        assertThat(emailsAbout(escalation).getFirst().getContent().toString()).contains(emailId + "/ack-link?staff=" + LINKED);
        String oldKeyLink = local(new AckLinks(List.of(OLD_KEY), Duration.ofHours(1), Clock.systemUTC(),
                URI.create("http://notifier.test")).issue(emailId, LINKED).url());
        var first = http.sendAsync(anonymousRequest("POST", oldKeyLink, "", "application/json"), HttpResponse.BodyHandlers.ofString());
        var second = http.sendAsync(anonymousRequest("POST", oldKeyLink, "", "application/json"), HttpResponse.BodyHandlers.ofString());
        assertThat(List.of(first.get().statusCode(), second.get().statusCode())).as(first.get().body() + second.get().body())
                .containsExactlyInAnyOrder(200, 410);

        List<NotificationEvent> events = awaitEvents(e -> ofEscalation(e, escalation.getEscalationId(), NotificationAcknowledged.class).size() >= 2);
        List<NotificationEvent> acks = ofEscalation(events, escalation.getEscalationId(), NotificationAcknowledged.class);
        assertThat(acks).as("exactly one per notification, whatever was tried").hasSize(2)
                .extracting(NotificationEvent::getNotificationId).containsExactlyInAnyOrder(notificationId, emailId);
        assertThat(acks).allSatisfy(e -> assertThat(((NotificationAcknowledged) e.getPayload()).getStaffId()).isEqualTo(LINKED));
        assertThat(acks).filteredOn(e -> e.getNotificationId().equals(notificationId)).singleElement()
                .satisfies(e -> assertThat(((NotificationAcknowledged) e.getPayload()).getNote()).isEqualTo("on my way & checking"));
    }

    // --- helpers ------------------------------------------------------------------------------------------------

    /** A link as a page carries it (on the public base URL), pointed at this test's server. */
    String local(String url) {
        assertThat(url).startsWith("http://notifier.test/");
        return "http://localhost:" + port + url.substring("http://notifier.test".length());
    }

    /** Without any Authorization header, as a phone's browser opening the link; a body is sent as a form. */
    HttpRequest anonymousRequest(String method, String url, @Nullable String form, String accept) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Accept", accept);
        if (form == null) {
            return request.GET().build();
        }
        return request.header("Content-Type", "application/x-www-form-urlencoded")
                .method(method, HttpRequest.BodyPublishers.ofString(form)).build();
    }

    HttpResponse<String> anonymous(String method, String url, @Nullable String form, String accept) throws Exception {
        return http.send(anonymousRequest(method, url, form, accept), HttpResponse.BodyHandlers.ofString());
    }



    static StaffMember.Builder staff(String id) {
        return StaffMember.newBuilder().setStaffId(id).setName(id).setZone("UTC").setEmail(id + "@agency.test")
                .setWebhookUrl(webhooks.url("/hooks/" + id));
    }








    List<WebhookReceiver.Received> hooks(String path, EscalationRequested escalation) {
        return webhooks.to(path).stream()
                .filter(r -> json.readTree(r.body()).get("escalationId").asString().equals(escalation.getEscalationId())).toList();
    }

    static List<MimeMessage> emailsAbout(EscalationRequested escalation) {
        return smtp.findReceivedMessages(u -> true, m -> subject(m).contains(escalation.getSummary())).toList();
    }




    /** A POST signed in as {@code user} with the staff role. */
    HttpResponse<String> postAs(String user, String path, String body) throws Exception {
        return postWith(AfterhoursTestEnvironment.issuer().bearer(user, "staff"), path, body);
    }

    /** A POST with this Authorization header, or none. */
    HttpResponse<String> postWith(@Nullable String authorization, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Authorization", AfterhoursTestEnvironment.issuer().bearer("victor", "viewer")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

}
