package dev.afterhours.scheduler.sla;

import static dev.afterhours.scheduler.Fixtures.allDayClient;
import static dev.afterhours.scheduler.Fixtures.inbound;
import static dev.afterhours.scheduler.Fixtures.reply;
import static dev.afterhours.scheduler.Fixtures.target;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.afterhours.contracts.AfterHoursStatus;
import dev.afterhours.contracts.AutoReplyRequested;
import dev.afterhours.contracts.ClientProfile;
import dev.afterhours.contracts.EscalationReason;
import dev.afterhours.contracts.EscalationRequested;
import dev.afterhours.contracts.MessageClassified;
import dev.afterhours.contracts.SlaBreached;
import dev.afterhours.contracts.SlaClock;
import dev.afterhours.contracts.SlaDeferred;
import dev.afterhours.contracts.SlaEvent;
import dev.afterhours.contracts.SlaMet;
import dev.afterhours.contracts.SlaStarted;
import dev.afterhours.contracts.SlaWarned;
import dev.afterhours.contracts.Topics;
import dev.afterhours.contracts.Urgency;
import dev.afterhours.testkit.ConfluentWireFormat;
import dev.afterhours.scheduler.Fixtures;
import dev.afterhours.scheduler.ItSupport;
import dev.afterhours.testkit.AfterhoursTestEnvironment;
import dev.afterhours.testkit.TopicProbe;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The scheduler against the real broker and registry: classified messages in, SLA events, escalations and
 * auto-replies out. The test client runs on a 3-second CALENDAR clock so breaches happen within seconds.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// Closed after the class: another scheduler instance on the same topics would publish its own copies.
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class SlaSchedulingIT {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String FAST = "it-fast-" + RUN;
    private static final String ACME = "it-acme-" + RUN;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) throws IOException {
        ItSupport.infrastructure(registry, "sla-it-" + RUN);
        registry.add("afterhours.scheduler.tick", () -> "PT0.2S");
    }

    @BeforeAll
    static void directory() {
        ItSupport.provisionTopics();
        ClientProfile acme = ClientProfile.newBuilder(Fixtures.acmeShop()).setClientId(ACME).build();
        ItSupport.publishToDirectory(
                allDayClient(FAST, 50,
                        target(Urgency.NORMAL, "PT3S", SlaClock.CALENDAR),
                        target(Urgency.HIGH, "PT1H", SlaClock.CALENDAR),
                        target(Urgency.EMERGENCY, "PT1M", SlaClock.CALENDAR)),
                acme);
    }

    @BeforeEach
    void ready() {
        // Readiness covers the directory and Kafka Streams: once UP, messages are being processed.
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(250)).until(() -> get("/actuator/health/readiness").statusCode() == 200);
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return getAs(AfterhoursTestEnvironment.issuer().bearer("victor", "viewer"), path);
    }

    private HttpResponse<String> getAs(@Nullable String authorization, String path)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<SlaEvent> slaEventsOf(String slaId, String lastStep) {
        return ItSupport.read(Topics.SLA_EVENTS, e -> e.getSlaId().equals(slaId),
                events -> events.stream().anyMatch(e -> e.getEventId().equals(slaId + ":" + lastStep)), TIMEOUT);
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    @Test
    void anUnansweredMessageStartsWarnsAndBreachesOnce() {
        String slaId = "it-breach-" + UUID.randomUUID();
        Instant received = now();

        ItSupport.send(inbound(FAST, slaId, "conv-" + slaId, Urgency.NORMAL, AfterHoursStatus.IN_HOURS, received));

        List<SlaEvent> events = slaEventsOf(slaId, "breached");
        assertThat(events).extracting(SlaEvent::getEventId)
                .containsExactly(slaId + ":started", slaId + ":warned", slaId + ":breached");
        assertThat(events.get(0).getPayload()).isEqualTo(new SlaStarted(received, SlaClock.CALENDAR, "PT3S",
                received.plusSeconds(3)));
        assertThat(((SlaWarned) events.get(1).getPayload()).getDueAt()).isEqualTo(received.plusSeconds(3));
        assertThat(events.get(1).getOccurredAt()).isAfterOrEqualTo(received.plusMillis(1500));
        assertThat(events.get(2).getPayload()).isEqualTo(new SlaBreached(received.plusSeconds(3)));
        assertThat(events.get(2).getOccurredAt()).isAfterOrEqualTo(received.plusSeconds(3));
        assertThat(events).allSatisfy(e -> {
            assertThat(e.getClientId()).isEqualTo(FAST);
            assertThat(e.getUrgency()).isEqualTo(Urgency.NORMAL);
        });
    }

    @Test
    void eventsAreInTheConfluentWireFormatKeyedByClient() {
        String slaId = "it-wire-" + UUID.randomUUID();
        ItSupport.send(inbound(FAST, slaId, "conv-" + slaId, Urgency.HIGH, AfterHoursStatus.IN_HOURS, now()));
        // Decoded as any Confluent consumer would: the schema from the Confluent-compatible API, then plain Avro.
        ConfluentWireFormat wire = new ConfluentWireFormat(AfterhoursTestEnvironment.registry().confluentCompatibleUrl());

        List<ConsumerRecord<byte[], byte[]>> records = TopicProbe.readUntil(Topics.SLA_EVENTS,
                all -> all.stream().anyMatch(r -> wire.decode(r.value()).record().get("slaId").toString().equals(slaId)),
                TIMEOUT);

        ConsumerRecord<byte[], byte[]> started = records.stream()
                .filter(r -> wire.decode(r.value()).record().get("slaId").toString().equals(slaId))
                .findFirst().orElseThrow();
        assertThat(new String(started.key(), StandardCharsets.UTF_8)).isEqualTo(FAST);
        ConfluentWireFormat.Decoded decoded = wire.decode(started.value());
        assertThat(decoded.writerSchema().getFullName()).isEqualTo("dev.afterhours.contracts.SlaEvent");
        assertThat(decoded.record().get("eventId").toString()).isEqualTo(slaId + ":started");
    }

    @Test
    void aStaffReplyBeforeTheDueTimeMeetsTheSlaAndItNeverBreaches() {
        String slaId = "it-met-" + UUID.randomUUID();
        String sentinel = "it-sentinel-" + UUID.randomUUID();
        Instant received = now();

        ItSupport.send(inbound(FAST, slaId, "conv-" + slaId, Urgency.NORMAL, AfterHoursStatus.IN_HOURS, received),
                reply(FAST, "reply-" + slaId, "conv-" + slaId, received.plusMillis(500)),
                // Same client, due a second later: once it has breached, the met SLA's due time has long passed.
                inbound(FAST, sentinel, "conv-" + sentinel, Urgency.NORMAL, AfterHoursStatus.IN_HOURS,
                        received.plusSeconds(1)));

        // Events of one client share a partition, in order: once the sentinel has breached, so would have the other.
        List<SlaEvent> events = ItSupport.read(Topics.SLA_EVENTS,
                e -> e.getSlaId().equals(slaId) || e.getSlaId().equals(sentinel),
                found -> found.stream().anyMatch(e -> e.getEventId().equals(sentinel + ":breached")), TIMEOUT)
                .stream().filter(e -> e.getSlaId().equals(slaId)).toList();

        assertThat(events).extracting(SlaEvent::getEventId).contains(slaId + ":started", slaId + ":met")
                .doesNotContain(slaId + ":breached");
        SlaEvent met = events.stream().filter(e -> e.getPayload() instanceof SlaMet).findFirst().orElseThrow();
        assertThat(met.getPayload()).isEqualTo(new SlaMet(received.plusSeconds(3), received.plusMillis(500),
                "reply-" + slaId));
    }

    @Test
    void anEmergencyIsEscalatedAtOnce() {
        String slaId = "it-911-" + UUID.randomUUID();
        Instant received = now();
        MessageClassified emergency = inbound(FAST, slaId, "conv-" + slaId, Urgency.EMERGENCY,
                AfterHoursStatus.IN_HOURS, received);

        ItSupport.send(emergency);

        List<EscalationRequested> escalations = ItSupport.read(Topics.ESCALATIONS, e -> e.getMessageId().equals(slaId),
                found -> !found.isEmpty(), TIMEOUT);
        assertThat(escalations).hasSize(1);
        EscalationRequested page = escalations.getFirst();
        assertThat(page.getEscalationId()).isEqualTo(slaId + ":emergency");
        assertThat(page.getClientId()).isEqualTo(FAST);
        assertThat(page.getReason()).isEqualTo(EscalationReason.EMERGENCY);
        assertThat(page.getSummary()).isEqualTo("Client " + FAST + ": Checkout is broken");
        assertThat(page.getReasons()).containsExactly("matched 'checkout is broken'");
        assertThat(page.getDueAt()).isEqualTo(received.plus(Duration.ofMinutes(1)));
        assertThat(page.getMessage()).isEqualTo(emergency.getMessage());
        List<SlaEvent> started = slaEventsOf(slaId, "started");
        assertThat(started.getFirst().getPayload()).isEqualTo(new SlaStarted(received, SlaClock.CALENDAR, "PT1M",
                received.plus(Duration.ofMinutes(1))));
    }

    @Test
    void anAfterHoursMessageIsDeferredAndAcknowledgedWithTheExpectedAnswerTime() {
        String slaId = "it-ack-" + UUID.randomUUID();
        // A Monday 18:14:05 in New York, still ahead of the wall clock the timers run on, so nothing can breach
        // while the test reads: the client (Acme Shop's calendar and policy) is offline until Tuesday 09:00.
        ZonedDateTime mondayEvening = Fixtures.nextMondayEvening(Clock.systemUTC(), ZoneId.of("America/New_York"));
        Instant received = mondayEvening.toInstant();
        Instant tuesdayOpening = mondayEvening.plusDays(1).with(LocalTime.of(9, 0)).toInstant();
        Instant fourBusinessHoursLater = mondayEvening.plusDays(1).with(LocalTime.of(13, 0)).toInstant();

        ItSupport.send(inbound(ACME, slaId, "conv-" + slaId, Urgency.NORMAL, AfterHoursStatus.AFTER_HOURS, received));

        List<AutoReplyRequested> acks = ItSupport.read(Topics.AUTO_REPLIES, a -> a.getMessageId().equals(slaId),
                found -> !found.isEmpty(), TIMEOUT);
        assertThat(acks).hasSize(1);
        assertThat(acks.getFirst().getRequestId()).isEqualTo(slaId + ":ack");
        assertThat(acks.getFirst().getTo()).isEqualTo("dana@acme-shop.example");
        assertThat(acks.getFirst().getExpectedAnswerBy()).isEqualTo(fourBusinessHoursLater);
        assertThat(acks.getFirst().getText()).isEqualTo("Thanks, we have your message. Our team is offline until "
                + "Tuesday 09:00 (America/New_York); expect an answer by Tuesday 13:00.");
        List<SlaEvent> events = slaEventsOf(slaId, "deferred");
        assertThat(events).extracting(SlaEvent::getEventId).containsExactly(slaId + ":started", slaId + ":deferred");
        assertThat(events.getLast().getPayload()).isEqualTo(
                new SlaDeferred(tuesdayOpening, AfterHoursStatus.AFTER_HOURS));
    }

    @Test
    void anUndecodableRecordIsParkedOnTheDeadLetterTopic() {
        String key = "it-poison-" + UUID.randomUUID();
        byte[] poison = "{\"not\": \"avro\"}".getBytes(StandardCharsets.UTF_8);

        TopicProbe.sendRaw(Topics.MESSAGES_CLASSIFIED, key, poison);

        List<ConsumerRecord<byte[], byte[]>> parked = TopicProbe.readUntil(
                new dev.afterhours.contracts.Topic<>(Topics.MESSAGES_CLASSIFIED.deadLetterTopic(), String.class,
                        byte[].class, false),
                all -> all.stream().anyMatch(r -> key.equals(new String(r.key(), StandardCharsets.UTF_8))), TIMEOUT)
                .stream().filter(r -> key.equals(new String(r.key(), StandardCharsets.UTF_8))).toList();
        assertThat(parked).hasSize(1);
        assertThat(parked.getFirst().value()).isEqualTo(poison);
        assertThat(parked.getFirst().headers().lastHeader("__streams.errors.exception")).isNotNull();
        assertThat(new String(parked.getFirst().headers().lastHeader("__streams.errors.topic").value(),
                StandardCharsets.UTF_8)).isEqualTo(Topics.MESSAGES_CLASSIFIED.name());
    }

    @Test
    void openSlasAreListedAndCounted() throws Exception {
        String slaId = "it-open-" + UUID.randomUUID();
        ItSupport.send(inbound(FAST, slaId, "conv-" + slaId, Urgency.HIGH, AfterHoursStatus.IN_HOURS, now()));
        slaEventsOf(slaId, "started");

        await().atMost(TIMEOUT).untilAsserted(() -> {
            HttpResponse<String> open = get("/api/v1/sla/open?clientId=" + FAST);
            assertThat(open.statusCode()).isEqualTo(200);
            assertThat(open.body()).contains("\"slaId\":\"" + slaId + "\"").contains("\"clock\":\"CALENDAR\"");
        });
        HttpResponse<String> prometheus = get("/actuator/prometheus");
        assertThat(prometheus.body())
                .contains("afterhours_scheduler_sla_events_total{")
                .contains("afterhours_scheduler_sla_open ")
                .contains("kafka_stream");
        HttpResponse<String> health = get("/actuator/health");
        assertThat(health.body()).contains("\"directory\"").contains("\"streams\"").contains("RUNNING");
    }

    @Test
    void openSlasMetricsAndHealthDetailsNeedASignedInViewer() throws Exception {
        assertThat(getAs(null, "/api/v1/sla/open").statusCode()).isEqualTo(401);
        assertThat(getAs(null, "/actuator/prometheus").statusCode()).isEqualTo(401);
        assertThat(getAs(AfterhoursTestEnvironment.issuer().bearer("nobody"), "/api/v1/sla/open").statusCode())
                .as("signed in without a role").isEqualTo(403);
        assertThat(getAs("Bearer " + AfterhoursTestEnvironment.issuer().forgedToken("victor", "viewer"),
                "/api/v1/sla/open").statusCode()).isEqualTo(401);
        HttpResponse<String> anonymousHealth = getAs(null, "/actuator/health");
        assertThat(anonymousHealth.statusCode()).isEqualTo(200);
        assertThat(anonymousHealth.body()).doesNotContain("\"streams\"");
        assertThat(getAs(null, "/actuator/health/liveness").statusCode()).isEqualTo(200);
    }
}
