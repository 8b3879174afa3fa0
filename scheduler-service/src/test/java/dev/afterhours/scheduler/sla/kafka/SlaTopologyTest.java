package dev.afterhours.scheduler.sla.kafka;

import static dev.afterhours.scheduler.Fixtures.acmeShop;
import static dev.afterhours.scheduler.Fixtures.allDayClient;
import static dev.afterhours.scheduler.Fixtures.inbound;
import static dev.afterhours.scheduler.Fixtures.reply;
import static dev.afterhours.scheduler.Fixtures.target;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.afterhours.contracts.AfterHoursStatus;
import dev.afterhours.contracts.AutoReplyKind;
import dev.afterhours.contracts.AutoReplyRequested;
import dev.afterhours.contracts.Channel;
import dev.afterhours.contracts.ClientProfile;
import dev.afterhours.contracts.Direction;
import dev.afterhours.contracts.EscalationReason;
import dev.afterhours.contracts.EscalationRequested;
import dev.afterhours.contracts.MessageClassified;
import dev.afterhours.contracts.MessageReceived;
import dev.afterhours.contracts.SlaBreached;
import dev.afterhours.contracts.SlaClock;
import dev.afterhours.contracts.SlaDeferred;
import dev.afterhours.contracts.SlaEvent;
import dev.afterhours.contracts.SlaMet;
import dev.afterhours.contracts.SlaStarted;
import dev.afterhours.contracts.SlaWarned;
import dev.afterhours.contracts.SlaWarningLevel;
import dev.afterhours.contracts.Topics;
import dev.afterhours.contracts.Urgency;
import dev.afterhours.scheduler.Fixtures;
import dev.afterhours.scheduler.SchedulerProperties;
import dev.afterhours.businesstime.SupportHours;
import dev.afterhours.scheduler.sla.AcknowledgementPolicy;
import dev.afterhours.scheduler.sla.ClientLookup;
import dev.afterhours.scheduler.sla.SlaMetrics;
import dev.afterhours.scheduler.sla.SlaPlanner;
import dev.afterhours.scheduler.sla.SlaState;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SLA topology in Kafka's {@link TopologyTestDriver}, with the production Streams configuration (exactly-once,
 * dead-letter handlers) and a controlled wall clock. Acme Shop: America/New_York, Mon-Fri 09:00-17:30,
 * Thanksgiving (2026-11-26) off, NORMAL PT4H on the business clock, warning at 75 %.
 */
class SlaTopologyTest {

    @TempDir
    Path stateDir;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final SlaMetrics metrics = new SlaMetrics(registry);
    private final Map<String, ClientProfile> directory = new HashMap<>(Map.of("acme-shop", acmeShop()));
    /** Account managers' own working hours, by staffId; none: the client's calendar stands in. */
    private final Map<String, SupportHours> responsible = new HashMap<>();

    private TopologyTestDriver driver;
    private Instant wallClock;
    /** How often the punctuator looks for due timers; the production default where a test measures the lag. */
    private Duration tick = Duration.ofSeconds(1);
    private TestInputTopic<String, MessageClassified> input;
    private TestInputTopic<byte[], byte[]> rawInput;
    private TestOutputTopic<String, SlaEvent> slaEvents;
    private TestOutputTopic<String, EscalationRequested> escalations;
    private TestOutputTopic<String, AutoReplyRequested> autoReplies;
    private TestOutputTopic<byte[], byte[]> deadLetters;

    private void start(Instant now) {
        start(now, TestAvroSerde.of(MessageClassified.class));
    }

    private void start(Instant now, Serde<MessageClassified> inputSerde) {
        start(now, inputSerde, TestAvroSerde.anyRecord(), TimerRetry.DEFAULT);
    }

    private void start(Instant now, Serde<MessageClassified> inputSerde, Serde<SpecificRecord> outputSerde,
            TimerRetry timerRetry) {
        wallClock = now;
        StreamsBuilder builder = new StreamsBuilder();
        new SlaTopology(new SlaPlanner(SchedulerProperties.BUILT_IN_DEFAULT_TARGETS, 75),
                lookup(), tick, Duration.ofDays(7), metrics,
                timerRetry, AcknowledgementPolicy.DEFAULT)
                .build(builder, inputSerde, outputSerde);
        Properties config = SlaStreamsConfig.properties("sla-topology-test", "unused:9092", stateDir, 1, 1, metrics);
        config.put(DeadLetterHandlers.RETRY_PAUSE_CONFIG, Duration.ZERO);
        driver = new TopologyTestDriver(builder.build(), config, now);
        input = driver.createInputTopic(Topics.MESSAGES_CLASSIFIED.name(), new StringSerializer(),
                TestAvroSerde.of(MessageClassified.class).serializer());
        rawInput = driver.createInputTopic(Topics.MESSAGES_CLASSIFIED.name(), new ByteArraySerializer(),
                new ByteArraySerializer());
        slaEvents = driver.createOutputTopic(Topics.SLA_EVENTS.name(), new StringDeserializer(),
                TestAvroSerde.of(SlaEvent.class).deserializer());
        escalations = driver.createOutputTopic(Topics.ESCALATIONS.name(), new StringDeserializer(),
                TestAvroSerde.of(EscalationRequested.class).deserializer());
        autoReplies = driver.createOutputTopic(Topics.AUTO_REPLIES.name(), new StringDeserializer(),
                TestAvroSerde.of(AutoReplyRequested.class).deserializer());
        deadLetters = driver.createOutputTopic(Topics.MESSAGES_CLASSIFIED.deadLetterTopic(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    /** The test's directory, with the account managers' own working hours of {@link #responsible}. */
    private ClientLookup lookup() {
        return new ClientLookup() {
            @Override
            public Optional<ClientProfile> client(String clientId) {
                return Optional.ofNullable(directory.get(clientId));
            }

            @Override
            public Optional<SupportHours> responsibleHours(ClientProfile client) {
                return Optional.ofNullable(responsible.get(client.getAccountManagerId()));
            }
        };
    }

    @AfterEach
    void close() {
        if (driver != null) {
            driver.close();
        }
    }

    private void send(MessageClassified message) {
        input.pipeInput(message.getClientId(), message, wallClock);
    }

    private void advanceTo(Instant moment) {
        driver.advanceWallClockTime(Duration.between(wallClock, moment));
        wallClock = moment;
    }

    private static Instant at(String instant) {
        return Instant.parse(instant);
    }

    private double count(String name, String... tags) {
        var counter = registry.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void inHoursMessageStartsOnTheBusinessClockWithoutDeferral() {
        // Monday 17:14:05 in New York: 15m55s of Monday's hours left, the other 3h44m05s on Tuesday from 09:00.
        Instant received = at("2026-11-23T22:14:05Z");
        start(received.plusSeconds(1));

        send(inbound("acme-shop", "m-1", "c-1", Urgency.NORMAL, AfterHoursStatus.IN_HOURS, received));

        List<TestRecord<String, SlaEvent>> events = slaEvents.readRecordsToList();
        assertThat(events).hasSize(1);
        assertThat(events.getFirst().key()).isEqualTo("acme-shop");
        SlaEvent event = events.getFirst().value();
        assertThat(event.getEventId()).isEqualTo("m-1:started");
        assertThat(event.getSlaId()).isEqualTo("m-1");
        assertThat(event.getConversationId()).isEqualTo("c-1");
        assertThat(event.getUrgency()).isEqualTo(Urgency.NORMAL);
        assertThat(event.getPayload()).isEqualTo(SlaStarted.newBuilder()
                .setReceivedAt(received)
                .setClock(SlaClock.BUSINESS)
                .setTarget("PT4H")
                .setDueAt(at("2026-11-24T17:44:05Z"))
                .build());
        assertThat(autoReplies.isEmpty()).isTrue();
        assertThat(escalations.isEmpty()).isTrue();

        KeyValueStore<String, SlaState> states = driver.getKeyValueStore(SlaTopology.STATE_STORE);
        // 75 % of 4h = 3h of business time: 15m55s on Monday, 2h44m05s on Tuesday -> 11:44:05 EST.
        assertThat(states.get("m-1").warnAt()).isEqualTo(at("2026-11-24T16:44:05Z").toEpochMilli());
        assertThat(metrics.openSlas()).isEqualTo(1);
        assertThat(count("afterhours.scheduler.sla.events", "type", "started", "urgency", "NORMAL")).isEqualTo(1);
    }

    @Test
    void afterHoursMessageIsDeferredToTheNextOpeningAndTheClientIsToldWhenToExpectAnAnswer() {
        // Monday 18:14:05 in New York, after closing: the clock starts Tuesday 09:00, 4 business hours -> 13:00.
        Instant received = at("2026-11-23T23:14:05Z");
        start(received.plusSeconds(2));

        // The header as one provider spells it: the acknowledgement is threaded with it whatever the case.
        send(withHeaders(inbound("acme-shop", "m-2", "c-2", Urgency.NORMAL, AfterHoursStatus.AFTER_HOURS, received),
                Map.of("Message-Id", "<m-2@acme-shop.example>"), "dana@acme-shop.example"));

        List<SlaEvent> events = slaEvents.readValuesToList();
        assertThat(events).extracting(SlaEvent::getEventId).containsExactly("m-2:started", "m-2:deferred");
        assertThat(((SlaStarted) events.get(0).getPayload()).getDueAt()).isEqualTo(at("2026-11-24T18:00:00Z"));
        assertThat(events.get(1).getPayload()).isEqualTo(SlaDeferred.newBuilder()
                .setUntil(at("2026-11-24T14:00:00Z"))
                .setAfterHoursStatus(AfterHoursStatus.AFTER_HOURS)
                .build());

        List<TestRecord<String, AutoReplyRequested>> acks = autoReplies.readRecordsToList();
        assertThat(acks).hasSize(1);
        assertThat(acks.getFirst().key()).isEqualTo("acme-shop");
        AutoReplyRequested ack = acks.getFirst().value();
        assertThat(ack.getRequestId()).isEqualTo("m-2:ack");
        assertThat(ack.getKind()).isEqualTo(AutoReplyKind.ACKNOWLEDGEMENT);
        assertThat(ack.getMessageId()).isEqualTo("m-2");
        assertThat(ack.getConversationId()).isEqualTo("c-2");
        assertThat(ack.getChannel()).isEqualTo(Channel.EMAIL);
        assertThat(ack.getTo()).isEqualTo("dana@acme-shop.example");
        assertThat(ack.getExpectedAnswerBy()).isEqualTo(at("2026-11-24T18:00:00Z"));
        assertThat(ack.getRequestedAt()).isEqualTo(received.plusSeconds(2));
        assertThat(ack.getText()).isEqualTo("Thanks, we have your message. Our team is offline until Tuesday 09:00 "
                + "(America/New_York); expect an answer by Tuesday 13:00.");
        assertThat(ack.getSubject()).isEqualTo("Question about invoice m-2");
        assertThat(ack.getInReplyTo()).isEqualTo("<m-2@acme-shop.example>");
        assertThat(escalations.isEmpty()).isTrue();
        assertThat(count("afterhours.scheduler.sla.events", "type", "deferred", "urgency", "NORMAL")).isEqualTo(1);
    }

    @Test
    void aGermanClientsTextIsAcknowledgedInGermanFromTheLineItTextedAndASlackMessageInItsThread() {
        directory.put("acme-shop", ClientProfile.newBuilder(acmeShop()).setLanguage("de").build());
        // Monday 18:14:05 in New York, after closing.
        Instant received = at("2026-11-23T23:14:05Z");
        start(received.plusSeconds(1));
        MessageClassified text = inbound("acme-shop", "m-sms", "c-sms", Urgency.NORMAL, AfterHoursStatus.AFTER_HOURS,
                received);
        text.setMessage(MessageReceived.newBuilder(text.getMessage()).setChannel(Channel.SMS).setFrom("+4915112345678")
                .setTo(List.of("+4930555000")).setSubject(null).build());
        send(text);
        MessageClassified chat = inbound("acme-shop", "m-chat", "c-chat", Urgency.NORMAL, AfterHoursStatus.AFTER_HOURS,
                received);
        chat.setMessage(MessageReceived.newBuilder(chat.getMessage()).setChannel(Channel.CHAT).setFrom("U0DANA")
                .setTo(List.of("C0ACME")).setHeaders(Map.of("x-afterhours-slack-thread-ts", "1764000000.000100"))
                .build());
        send(chat);

        List<AutoReplyRequested> acks = autoReplies.readValuesToList();
        assertThat(acks).extracting(AutoReplyRequested::getRequestId).containsExactly("m-sms:ack", "m-chat:ack");
        AutoReplyRequested sms = acks.getFirst();
        assertThat(sms.getTo()).isEqualTo("+4915112345678");
        assertThat(sms.getVia()).isEqualTo("+4930555000");
        assertThat(sms.getThread()).isNull();
        assertThat(sms.getLanguage()).isEqualTo("de");
        assertThat(sms.getText()).isEqualTo("Danke, wir haben Ihre Nachricht. Unser Team ist bis Dienstag 09:00 "
                + "(America/New_York) nicht erreichbar; Sie erhalten eine Antwort bis Dienstag 13:00.");
        AutoReplyRequested slack = acks.get(1);
        assertThat(slack.getVia()).isEqualTo("C0ACME");
        assertThat(slack.getThread()).isEqualTo("1764000000.000100");
    }

    @Test
    void aConversationAndASenderAreAcknowledgedOnceWithinTheWindowAndAgainAfterIt() {
        // Monday 18:14:05 in New York, after closing; the window is the default 24 hours.
        Instant received = at("2026-11-23T23:14:05Z");
        start(received.plusSeconds(1));

        send(inbound("acme-shop", "m-a", "c-a", Urgency.NORMAL, AfterHoursStatus.AFTER_HOURS, received));
        advanceTo(received.plusSeconds(61));
        send(inbound("acme-shop", "m-b", "c-a", Urgency.NORMAL, AfterHoursStatus.AFTER_HOURS, received.plusSeconds(60)));
        send(inbound("acme-shop", "m-c", "c-other", Urgency.NORMAL, AfterHoursStatus.AFTER_HOURS,
                received.plusSeconds(60)));

        assertThat(autoReplies.readValuesToList()).extracting(AutoReplyRequested::getRequestId).containsExactly("m-a:ack");
        assertThat(slaEvents.readValuesToList()).extracting(SlaEvent::getEventId).contains("m-b:deferred", "m-c:deferred");
        assertThat(count("afterhours.scheduler.auto.replies.suppressed", "reason", "window")).isEqualTo(2);

        // Tuesday 19:14:05 in New York, 25 hours later: after hours again, and the window has passed.
        Instant nextEvening = received.plus(Duration.ofHours(25));
        advanceTo(nextEvening);
        send(inbound("acme-shop", "m-d", "c-a", Urgency.NORMAL, AfterHoursStatus.AFTER_HOURS, nextEvening));

        // Unanswered, the SLAs of Tuesday 13:00 were breached meanwhile: one update per conversation (c-a, c-other),
        // then the new acknowledgement.
        assertThat(autoReplies.readValuesToList()).extracting(AutoReplyRequested::getRequestId)
                .containsExactly("m-a:update", "m-c:update", "m-d:ack");
        KeyValueStore<String, String> acknowledged = driver.getKeyValueStore(SlaTopology.ACK_STORE);
        assertThat(acknowledged.get("c|c-a")).isEqualTo(Long.toString(nextEvening.toEpochMilli()));
    }

    @Test
    void automaticBulkAndRobotMailIsNeverAcknowledgedButItsSlaRuns() {
        Instant received = at("2026-11-23T23:14:05Z");
        start(received.plusSeconds(1));
        Map<String, Map<String, String>> headersById = Map.of(
                "m-auto", Map.of("Auto-Submitted", "auto-replied"),
                "m-bulk", Map.of("Precedence", "bulk"),
                "m-list", Map.of("List-Id", "<news.acme-shop.example>"),
                "m-oof", Map.of("X-Auto-Response-Suppress", "OOF, AutoReply"));

        headersById.forEach((id, headers) -> send(withHeaders(inbound("acme-shop", id, "c-" + id, Urgency.NORMAL,
                AfterHoursStatus.AFTER_HOURS, received), headers, "dana@acme-shop.example")));
        send(withHeaders(inbound("acme-shop", "m-daemon", "c-daemon", Urgency.NORMAL, AfterHoursStatus.AFTER_HOURS,
                received), Map.of(), "MAILER-DAEMON@mx.acme-shop.example"));

        assertThat(autoReplies.isEmpty()).isTrue();
        assertThat(slaEvents.readValuesToList()).extracting(SlaEvent::getEventId).contains("m-auto:started",
                "m-bulk:started", "m-list:started", "m-oof:started", "m-daemon:started");
        assertThat(count("afterhours.scheduler.auto.replies.suppressed", "reason", "auto-submitted")).isEqualTo(1);
        assertThat(count("afterhours.scheduler.auto.replies.suppressed", "reason", "bulk")).isEqualTo(2);
        assertThat(count("afterhours.scheduler.auto.replies.suppressed", "reason", "suppressed")).isEqualTo(1);
        assertThat(count("afterhours.scheduler.auto.replies.suppressed", "reason", "robot-sender")).isEqualTo(1);
    }

    private static MessageClassified withHeaders(MessageClassified classified, Map<String, String> headers, String from) {
        return MessageClassified.newBuilder(classified)
                .setMessage(MessageReceived.newBuilder(classified.getMessage()).setHeaders(headers).setFrom(from).build())
                .build();
    }

    @Test
    void aHolidayPushesTheDeferralToTheNextWorkingDay() {
        // Wednesday 17:30 in New York (closing time), Thursday is Thanksgiving: back on Friday 09:00.
        Instant received = at("2026-11-25T22:30:00Z");
        start(received);

        send(inbound("acme-shop", "m-3", "c-3", Urgency.NORMAL, AfterHoursStatus.AFTER_HOURS, received));

        List<SlaEvent> events = slaEvents.readValuesToList();
        assertThat(((SlaStarted) events.get(0).getPayload()).getDueAt()).isEqualTo(at("2026-11-27T18:00:00Z"));
        assertThat(((SlaDeferred) events.get(1).getPayload()).getUntil()).isEqualTo(at("2026-11-27T14:00:00Z"));
        assertThat(autoReplies.readValue().getText()).isEqualTo("Thanks, we have your message. Our team is offline "
                + "until Friday 09:00 (America/New_York); expect an answer by Friday 13:00.");
    }

    @Test
    void emergencyIsEscalatedAtOnceWhateverTheHour() {
        // Friday 22:00 in New York: EMERGENCY runs on the CALENDAR clock (PT15M) and is never deferred.
        Instant received = at("2026-11-28T03:00:00Z");
        start(received.plusMillis(500));
        MessageClassified emergency = inbound("acme-shop", "m-911", "c-911", Urgency.EMERGENCY,
                AfterHoursStatus.AFTER_HOURS, received);

        send(emergency);

        List<SlaEvent> events = slaEvents.readValuesToList();
        assertThat(events).extracting(SlaEvent::getEventId).containsExactly("m-911:started");
        assertThat(events.getFirst().getPayload()).isEqualTo(SlaStarted.newBuilder()
                .setReceivedAt(received)
                .setClock(SlaClock.CALENDAR)
                .setTarget("PT15M")
                .setDueAt(at("2026-11-28T03:15:00Z"))
                .build());
        List<TestRecord<String, EscalationRequested>> pages = escalations.readRecordsToList();
        assertThat(pages).hasSize(1);
        assertThat(pages.getFirst().key()).isEqualTo("acme-shop");
        EscalationRequested page = pages.getFirst().value();
        assertThat(page.getEscalationId()).isEqualTo("m-911:emergency");
        assertThat(page.getReason()).isEqualTo(EscalationReason.EMERGENCY);
        assertThat(page.getUrgency()).isEqualTo(Urgency.EMERGENCY);
        assertThat(page.getSummary()).isEqualTo("Acme Shop: Checkout is broken");
        assertThat(page.getReasons()).containsExactly("matched 'checkout is broken'");
        assertThat(page.getRequestedAt()).isEqualTo(received.plusMillis(500));
        assertThat(page.getDueAt()).isEqualTo(at("2026-11-28T03:15:00Z"));
        assertThat(page.getMessage()).isEqualTo(emergency.getMessage());
        assertThat(autoReplies.isEmpty()).isTrue();
        assertThat(count("afterhours.scheduler.escalations", "reason", "EMERGENCY")).isEqualTo(1);
    }

    @Test
    void warnsOnceAtThreeQuartersOfTheTargetThenBreachesOnceAtTheDueTime() {
        // Tuesday 10:00 in New York: due 14:00 (19:00Z); 3 business hours elapsed at 13:00 (18:00Z).
        Instant received = at("2026-11-24T15:00:00Z");
        start(received);
        send(inbound("acme-shop", "m-4", "c-4", Urgency.NORMAL, AfterHoursStatus.IN_HOURS, received));
        assertThat(slaEvents.readValuesToList()).extracting(SlaEvent::getEventId).containsExactly("m-4:started");

        advanceTo(at("2026-11-24T17:59:59Z"));
        assertThat(slaEvents.isEmpty()).isTrue();

        advanceTo(at("2026-11-24T18:00:00Z"));
        List<TestRecord<String, SlaEvent>> warned = slaEvents.readRecordsToList();
        assertThat(warned).hasSize(1);
        assertThat(warned.getFirst().key()).isEqualTo("acme-shop");
        assertThat(warned.getFirst().value().getEventId()).isEqualTo("m-4:warned");
        assertThat(warned.getFirst().value().getOccurredAt()).isEqualTo(at("2026-11-24T18:00:00Z"));
        assertThat(warned.getFirst().value().getPayload()).isEqualTo(
                new SlaWarned(at("2026-11-24T19:00:00Z"), "PT1H", 75, SlaWarningLevel.NOTIFY));

        advanceTo(at("2026-11-24T18:59:59Z"));
        assertThat(slaEvents.isEmpty()).isTrue();
        assertThat(metrics.openSlas()).isEqualTo(1);

        advanceTo(at("2026-11-24T19:00:00Z"));
        List<SlaEvent> breached = slaEvents.readValuesToList();
        assertThat(breached).extracting(SlaEvent::getEventId).containsExactly("m-4:breached");
        assertThat(breached.getFirst().getPayload()).isEqualTo(new SlaBreached(at("2026-11-24T19:00:00Z")));
        assertThat(metrics.openSlas()).isZero();

        advanceTo(at("2026-11-25T19:00:00Z"));
        assertThat(slaEvents.isEmpty()).isTrue();
        // A reply after the breach changes nothing.
        send(reply("acme-shop", "r-4", "c-4", at("2026-11-25T19:00:00Z")));
        assertThat(slaEvents.isEmpty()).isTrue();
        assertThat(count("afterhours.scheduler.sla.events", "type", "warned", "urgency", "NORMAL")).isEqualTo(1);
        assertThat(count("afterhours.scheduler.sla.events", "type", "breached", "urgency", "NORMAL")).isEqualTo(1);
    }

    /**
     * The acceptance case of "SLA warnings reach someone": a HIGH message at 17:00 on a Friday for a client open
     * Mon-Fri 09:00-17:30 with a 2-hour business SLA warned at 75 %. Half an hour counts on Friday, so it is due
     * Monday 10:30 and warned Monday 10:00 (1 h 30 of business time); nothing fires over the weekend. The Friday is
     * the next one after the real clock's today (no Acme holiday near it), so the test holds on any date.
     */
    @Test
    void aHighMessageAtFivePmOnFridayIsWarnedMondayAtTenAndDueAtTenThirtyWithNothingOverTheWeekend() {
        java.time.ZoneId newYork = java.time.ZoneId.of("America/New_York");
        java.time.ZonedDateTime friday = Fixtures.nextAfterHours(java.time.Clock.systemUTC(), newYork,
                java.time.DayOfWeek.FRIDAY, java.time.LocalTime.of(17, 0));
        java.time.ZonedDateTime monday = friday.plusDays(3);
        Instant received = friday.toInstant();
        Instant warnAt = monday.withHour(10).withMinute(0).toInstant();
        Instant dueAt = monday.withHour(10).withMinute(30).toInstant();
        start(received);

        send(inbound("acme-shop", "m-fri", "c-fri", Urgency.HIGH, AfterHoursStatus.IN_HOURS, received));
        SlaEvent started = slaEvents.readValuesToList().getFirst();
        assertThat(((SlaStarted) started.getPayload()).getDueAt()).as("0h30 on Friday, 1h30 on Monday").isEqualTo(dueAt);

        // The weekend, in steps: nothing is sent.
        for (java.time.ZonedDateTime step = friday.plusMinutes(30); step.isBefore(monday.withHour(9));
                step = step.plusHours(6)) {
            advanceTo(step.toInstant());
            assertThat(slaEvents.isEmpty()).as("nothing at %s", step).isTrue();
        }
        advanceTo(warnAt.minusMillis(1));
        assertThat(slaEvents.isEmpty()).as("Monday before 10:00").isTrue();

        advanceTo(warnAt);
        SlaEvent warned = slaEvents.readValuesToList().getFirst();
        assertThat(warned.getEventId()).isEqualTo("m-fri:warned");
        assertThat(warned.getOccurredAt()).isEqualTo(warnAt);
        assertThat(warned.getPayload()).isEqualTo(new SlaWarned(dueAt, "PT30M", 75, SlaWarningLevel.NOTIFY));

        advanceTo(dueAt);
        assertThat(slaEvents.readValuesToList()).extracting(SlaEvent::getEventId).containsExactly("m-fri:breached");
    }

    /**
     * A 411 on Saturday waits for the next moment both Acme (Mon-Fri 09:00-17:30, New York) and its account manager
     * (alice, who starts at 10:00 on her own clock in New York) are open: Monday 10:00, not 09:00. The due time stays
     * on the client's calendar, as promised.
     */
    @Test
    void aDeferred411WaitsForTheClientAndTheResponsiblePersonToBothBeOpen() {
        java.util.Map<java.time.DayOfWeek, List<dev.afterhours.businesstime.OpeningWindow>> days = new java.util.EnumMap<>(java.time.DayOfWeek.class);
        for (java.time.DayOfWeek day : java.util.EnumSet.range(java.time.DayOfWeek.MONDAY, java.time.DayOfWeek.FRIDAY)) {
            days.put(day, List.of(dev.afterhours.businesstime.OpeningWindow.parse("10:00", "18:00")));
        }
        responsible.put("alice", new SupportHours(java.time.ZoneId.of("America/New_York"), days, java.util.Set.of()));
        java.time.ZoneId newYork = java.time.ZoneId.of("America/New_York");
        java.time.ZonedDateTime saturday = Fixtures.nextAfterHours(java.time.Clock.systemUTC(), newYork,
                java.time.DayOfWeek.SATURDAY, java.time.LocalTime.of(11, 0));
        java.time.ZonedDateTime monday = saturday.plusDays(2);
        start(saturday.toInstant());

        send(inbound("acme-shop", "m-sat", "c-sat", Urgency.NORMAL, AfterHoursStatus.WEEKEND, saturday.toInstant()));
        List<SlaEvent> events = slaEvents.readValuesToList();
        assertThat(events).extracting(SlaEvent::getEventId).containsExactly("m-sat:started", "m-sat:deferred");
        assertThat(((SlaStarted) events.get(0).getPayload()).getDueAt()).as("4 h of Acme's hours").isEqualTo(monday.withHour(13).toInstant());
        assertThat(((SlaDeferred) events.get(1).getPayload()).getUntil()).isEqualTo(monday.withHour(10).toInstant());
        assertThat(autoReplies.readValuesToList().getFirst().getText()).contains("offline until Monday 10:00");
    }

    @Test
    void aPageThresholdFiresOnceAfterTheWarningAtItsOwnBusinessTime() {
        ClientProfile paging = acmeShop();
        paging.getSlaPolicy().setPageAtPercent(90);
        directory.put("acme-shop", paging);
        java.time.ZoneId newYork = java.time.ZoneId.of("America/New_York");
        java.time.ZonedDateTime friday = Fixtures.nextAfterHours(java.time.Clock.systemUTC(), newYork,
                java.time.DayOfWeek.FRIDAY, java.time.LocalTime.of(17, 0));
        java.time.ZonedDateTime monday = friday.plusDays(3);
        start(friday.toInstant());
        send(inbound("acme-shop", "m-page", "c-page", Urgency.HIGH, AfterHoursStatus.IN_HOURS, friday.toInstant()));
        slaEvents.readValuesToList();

        advanceTo(monday.withHour(10).toInstant());
        assertThat(slaEvents.readValuesToList()).extracting(SlaEvent::getEventId).containsExactly("m-page:warned");
        // 90 % of 2 h is 1 h 48: 0 h 30 on Friday, 1 h 18 on Monday.
        Instant pageAt = monday.withHour(10).withMinute(18).toInstant();
        advanceTo(pageAt.minusMillis(1));
        assertThat(slaEvents.isEmpty()).isTrue();
        advanceTo(pageAt);
        SlaEvent paged = slaEvents.readValuesToList().getFirst();
        assertThat(paged.getEventId()).isEqualTo("m-page:warned-page");
        assertThat(paged.getPayload()).isEqualTo(new SlaWarned(monday.withHour(10).withMinute(30).toInstant(), "PT12M", 90,
                SlaWarningLevel.PAGE));
        advanceTo(pageAt.plus(Duration.ofMinutes(5)));
        assertThat(slaEvents.isEmpty()).as("each threshold once").isTrue();
        assertThat(count("afterhours.scheduler.sla.events", "type", "warned-page", "urgency", "HIGH")).isEqualTo(1);

        // A reply closes the SLA: neither the page timer nor the breach fires later.
        send(inbound("acme-shop", "m-page2", "c-page2", Urgency.HIGH, AfterHoursStatus.IN_HOURS, pageAt));
        slaEvents.readValuesToList();
        send(reply("acme-shop", "r-page2", "c-page2", pageAt.plusSeconds(60)));
        assertThat(slaEvents.readValuesToList()).extracting(SlaEvent::getEventId).containsExactly("m-page2:met");
        advanceTo(pageAt.plus(Duration.ofDays(2)));
        assertThat(slaEvents.readValuesToList()).extracting(SlaEvent::getEventId)
                .as("m-page breaches; m-page2 was met").containsExactly("m-page:breached");
    }

    @Test
    void afterDowntimeAPageDueWithTheWarningSaysItAlone() {
        ClientProfile paging = allDayClient("all-day", 50, target(Urgency.NORMAL, "PT1H", SlaClock.CALENDAR));
        paging.getSlaPolicy().setPageAtPercent(80);
        directory.put("all-day", paging);
        Instant received = at("2026-11-24T15:00:00Z");
        start(received);
        send(inbound("all-day", "m-down", "c-down", Urgency.NORMAL, AfterHoursStatus.IN_HOURS, received));
        slaEvents.readValuesToList();
        // The instance was down from before the warning (15:30) until after the page time (15:48).
        advanceTo(at("2026-11-24T15:50:00Z"));
        List<SlaEvent> events = slaEvents.readValuesToList();
        assertThat(events).extracting(SlaEvent::getEventId).containsExactly("m-down:warned-page");
        assertThat(((SlaWarned) events.getFirst().getPayload()).getLevel()).isEqualTo(SlaWarningLevel.PAGE);
    }

    /**
     * With the production tick the punctuator fires a timer well within a second of its due time, wherever the
     * due time falls between two ticks (the driver's clock starts 123 ms off the due times' grid).
     */
    @Test
    void withTheDefaultTickATimerFiresWithinASecondOfItsDueTime() {
        tick = Duration.parse(SchedulerProperties.DEFAULT_TICK);
        directory.put("all-day", allDayClient("all-day", 50, target(Urgency.NORMAL, "PT1H", SlaClock.CALENDAR)));
        Instant received = at("2026-11-24T15:00:00.123Z");
        start(received);
        send(inbound("all-day", "m-lag", "c-lag", Urgency.NORMAL, AfterHoursStatus.IN_HOURS, at("2026-11-24T15:00:00.777Z")));
        slaEvents.readValuesToList();
        Instant warnAt = at("2026-11-24T15:30:00.777Z");
        advanceTo(warnAt.minusMillis(1));
        assertThat(slaEvents.isEmpty()).isTrue();
        Instant now = warnAt.minusMillis(1);
        while (slaEvents.isEmpty() && now.isBefore(warnAt.plusSeconds(2))) {
            now = now.plusMillis(50);
            advanceTo(now);
        }
        SlaEvent warned = slaEvents.readValuesToList().getFirst();
        assertThat(Duration.between(warnAt, warned.getOccurredAt())).isGreaterThanOrEqualTo(Duration.ZERO)
                .isLessThanOrEqualTo(Duration.parse(SchedulerProperties.DEFAULT_TICK));
    }

    @Test
    void aStaffReplyBeforeTheDueTimeMeetsEveryOpenSlaOfTheConversationAndNothingFiresAfterwards() {
        Instant received = at("2026-11-24T15:00:00Z");
        start(received);
        send(inbound("acme-shop", "m-5", "c-5", Urgency.NORMAL, AfterHoursStatus.IN_HOURS, received));
        send(inbound("acme-shop", "m-6", "c-5", Urgency.HIGH, AfterHoursStatus.IN_HOURS, received.plusSeconds(60)));
        send(inbound("acme-shop", "m-7", "c-5-other", Urgency.NORMAL, AfterHoursStatus.IN_HOURS, received));
        slaEvents.readValuesToList();

        // An automatic outbound message (our own acknowledgement, an out-of-office) is no answer.
        advanceTo(at("2026-11-24T15:30:00Z"));
        send(Fixtures.classified("acme-shop", "auto-1", "c-5", Urgency.LOW, AfterHoursStatus.IN_HOURS, wallClock,
                Direction.OUTBOUND, false, true));
        assertThat(slaEvents.isEmpty()).isTrue();

        advanceTo(at("2026-11-24T16:30:00Z"));
        send(reply("acme-shop", "r-5", "c-5", at("2026-11-24T16:30:00Z")));

        List<SlaEvent> met = slaEvents.readValuesToList();
        assertThat(met).extracting(SlaEvent::getEventId).containsExactlyInAnyOrder("m-5:met", "m-6:met");
        SlaEvent normal = met.stream().filter(e -> e.getSlaId().equals("m-5")).findFirst().orElseThrow();
        assertThat(normal.getPayload()).isEqualTo(
                new SlaMet(at("2026-11-24T19:00:00Z"), at("2026-11-24T16:30:00Z"), "r-5"));
        assertThat(metrics.openSlas()).isEqualTo(1);

        advanceTo(at("2026-11-24T18:00:00Z"));
        advanceTo(at("2026-11-25T15:00:00Z"));
        // Only the SLA of the other conversation warns and breaches.
        assertThat(slaEvents.readValuesToList()).extracting(SlaEvent::getEventId)
                .containsExactly("m-7:warned", "m-7:breached");
        assertThat(count("afterhours.scheduler.sla.events", "type", "met", "urgency", "NORMAL")).isEqualTo(1);
        assertThat(count("afterhours.scheduler.sla.events", "type", "met", "urgency", "HIGH")).isEqualTo(1);
    }

    @Test
    void aReplyAfterTheDueTimeThatArrivesBeforeTheTimerFiredIsABreachNotAMet() {
        Instant received = at("2026-11-24T15:00:00Z");
        start(received);
        send(inbound("acme-shop", "m-8", "c-8", Urgency.NORMAL, AfterHoursStatus.IN_HOURS, received));
        slaEvents.readValuesToList();

        send(reply("acme-shop", "r-8", "c-8", at("2026-11-24T19:00:01Z")));

        List<SlaEvent> events = slaEvents.readValuesToList();
        assertThat(events).extracting(SlaEvent::getEventId).containsExactly("m-8:breached");
        advanceTo(at("2026-11-25T00:00:00Z"));
        assertThat(slaEvents.isEmpty()).isTrue();
        assertThat(autoReplies.isEmpty()).as("the client has its answer: no update").isTrue();
    }

    /**
     * Acme's NORMAL PT4H on the business clock, in hours on Tuesday 10:00 in New York: due 14:00. Unanswered then, the
     * client is asked an update once, on the channel it wrote on, with a new time one more target on the same clock:
     * 14:00-17:30 on Tuesday, then 09:00-09:30 on Wednesday.
     */
    @Test
    void aBreachedSlaAsksOnceForAnUpdateWithTheNewTimeOnTheBusinessClock() {
        Instant received = at("2026-11-24T15:00:00Z");
        start(received);
        send(withHeaders(inbound("acme-shop", "m-u1", "c-u1", Urgency.NORMAL, AfterHoursStatus.IN_HOURS, received),
                Map.of("Message-ID", "<m-u1@acme-shop.example>"), "dana@acme-shop.example"));
        // A second message in the same conversation, due a minute later: one update for the conversation.
        send(inbound("acme-shop", "m-u2", "c-u1", Urgency.NORMAL, AfterHoursStatus.IN_HOURS, received.plusSeconds(60)));
        // Automatic mail: its SLA runs and breaches, but no automatic response may answer it.
        send(withHeaders(inbound("acme-shop", "m-u3", "c-u3", Urgency.NORMAL, AfterHoursStatus.IN_HOURS, received),
                Map.of("Auto-Submitted", "auto-generated"), "dana@acme-shop.example"));
        // Answered in time: met, nothing to tell.
        send(inbound("acme-shop", "m-u4", "c-u4", Urgency.NORMAL, AfterHoursStatus.IN_HOURS, received));
        // An emergency is the escalation chain's: no update either.
        send(inbound("acme-shop", "m-u5", "c-u5", Urgency.EMERGENCY, AfterHoursStatus.IN_HOURS, received));
        advanceTo(at("2026-11-24T16:00:00Z"));
        send(reply("acme-shop", "r-u4", "c-u4", at("2026-11-24T16:00:00Z")));
        assertThat(autoReplies.isEmpty()).as("nothing before a breach").isTrue();

        advanceTo(at("2026-11-24T19:00:00Z"));
        advanceTo(at("2026-11-24T19:01:00Z"));
        assertThat(slaEvents.readValuesToList()).extracting(SlaEvent::getEventId)
                .contains("m-u1:breached", "m-u2:breached", "m-u3:breached", "m-u4:met", "m-u5:breached");

        List<TestRecord<String, AutoReplyRequested>> updates = autoReplies.readRecordsToList();
        assertThat(updates).hasSize(1);
        assertThat(updates.getFirst().key()).isEqualTo("acme-shop");
        AutoReplyRequested update = updates.getFirst().value();
        assertThat(update.getKind()).isEqualTo(AutoReplyKind.SLA_UPDATE);
        assertThat(update.getRequestId()).isEqualTo("m-u1:update");
        assertThat(update.getMessageId()).isEqualTo("m-u1");
        assertThat(update.getConversationId()).isEqualTo("c-u1");
        assertThat(update.getChannel()).isEqualTo(Channel.EMAIL);
        assertThat(update.getTo()).isEqualTo("dana@acme-shop.example");
        assertThat(update.getSubject()).isEqualTo("Question about invoice m-u1");
        assertThat(update.getInReplyTo()).isEqualTo("<m-u1@acme-shop.example>");
        assertThat(update.getRequestedAt()).isEqualTo(at("2026-11-24T19:00:00Z"));
        assertThat(update.getExpectedAnswerBy()).isEqualTo(at("2026-11-25T14:30:00Z"));
        assertThat(update.getText()).isEqualTo("We have not answered your message yet, and we are sorry for the wait. "
                + "We now expect to answer by Wednesday 09:30 (America/New_York).");
        assertThat(update.getLanguage()).isEqualTo("en");

        advanceTo(at("2026-11-26T19:00:00Z"));
        assertThat(autoReplies.isEmpty()).as("once").isTrue();
        assertThat(count("afterhours.scheduler.sla.updates")).isEqualTo(1);
        assertThat(count("afterhours.scheduler.sla.updates.skipped", "reason", "window")).isEqualTo(1);
        assertThat(count("afterhours.scheduler.sla.updates.skipped", "reason", "not-answerable")).isEqualTo(1);
        assertThat(count("afterhours.scheduler.sla.updates.skipped", "reason", "emergency")).isEqualTo(1);
    }

    @Test
    void aFrenchClientsUpdateIsInFrenchAndGoesBackByTextFromTheLineItTexted() {
        directory.put("acme-shop", ClientProfile.newBuilder(acmeShop()).setLanguage("fr").build());
        Instant received = at("2026-11-24T15:00:00Z");
        start(received);
        MessageClassified text = inbound("acme-shop", "m-fr", "c-fr", Urgency.NORMAL, AfterHoursStatus.IN_HOURS,
                received);
        text.setMessage(MessageReceived.newBuilder(text.getMessage()).setChannel(Channel.SMS).setFrom("+33612345678")
                .setTo(List.of("+4930555000")).setSubject(null).build());
        send(text);

        advanceTo(at("2026-11-24T19:00:00Z"));
        AutoReplyRequested update = autoReplies.readValue();
        assertThat(update.getKind()).isEqualTo(AutoReplyKind.SLA_UPDATE);
        assertThat(update.getChannel()).isEqualTo(Channel.SMS);
        assertThat(update.getTo()).isEqualTo("+33612345678");
        assertThat(update.getVia()).isEqualTo("+4930555000");
        assertThat(update.getLanguage()).isEqualTo("fr");
        assertThat(update.getText()).isEqualTo("Nous n'avons pas encore répondu à votre message, veuillez nous excuser "
                + "pour l'attente. Vous aurez désormais une réponse d'ici mercredi 09:30 (America/New_York).");
    }

    @Test
    void messagesThatNeedNoAnswerStartNoSla() {
        Instant received = at("2026-11-24T15:00:00Z");
        start(received);

        send(Fixtures.classified("acme-shop", "m-9", "c-9", Urgency.NORMAL, AfterHoursStatus.AFTER_HOURS, received,
                Direction.INBOUND, true, true));
        send(Fixtures.classified("acme-shop", "m-10", "c-10", Urgency.EMERGENCY, AfterHoursStatus.IN_HOURS, received,
                Direction.INBOUND, false, false));
        advanceTo(at("2026-11-30T00:00:00Z"));

        assertThat(slaEvents.isEmpty()).isTrue();
        assertThat(escalations.isEmpty()).isTrue();
        assertThat(autoReplies.isEmpty()).isTrue();
        assertThat(metrics.openSlas()).isZero();
        assertThat(count("afterhours.scheduler.messages", "outcome", "auto-reply")).isEqualTo(1);
        assertThat(count("afterhours.scheduler.messages", "outcome", "no-response-needed")).isEqualTo(1);
    }

    @Test
    void unresolvedAndUnknownClientsAndMissingTargetsFallBackToTheDefaultTargetsOnTheCalendarClock() {
        directory.put("no-low", allDayClient("no-low", 75, target(Urgency.NORMAL, "PT1H", SlaClock.BUSINESS)));
        Instant received = at("2026-11-24T15:00:00Z");
        start(received);

        send(inbound(Topics.UNRESOLVED_CLIENT, "m-11", "c-11", Urgency.NORMAL, AfterHoursStatus.AFTER_HOURS, received));
        send(inbound("gone-gmbh", "m-12", "c-12", Urgency.HIGH, AfterHoursStatus.IN_HOURS, received));
        send(inbound("no-low", "m-13", "c-13", Urgency.LOW, AfterHoursStatus.IN_HOURS, received));

        List<SlaEvent> events = slaEvents.readValuesToList();
        assertThat(events).extracting(SlaEvent::getEventId).containsExactly("m-11:started", "m-12:started",
                "m-13:started");
        assertThat(events).extracting(e -> ((SlaStarted) e.getPayload()).getClock()).containsOnly(SlaClock.CALENDAR);
        assertThat(events).extracting(e -> ((SlaStarted) e.getPayload()).getTarget()).containsExactly("PT8H", "PT2H",
                "PT48H");
        assertThat(events).extracting(e -> ((SlaStarted) e.getPayload()).getDueAt()).containsExactly(
                at("2026-11-24T23:00:00Z"), at("2026-11-24T17:00:00Z"), at("2026-11-26T15:00:00Z"));
        // Without a calendar there is no opening to defer to, and no zone to tell the client about.
        assertThat(autoReplies.isEmpty()).isTrue();
        assertThat(count("afterhours.scheduler.sla.fallbacks", "reason", "unresolved-client")).isEqualTo(1);
        assertThat(count("afterhours.scheduler.sla.fallbacks", "reason", "unknown-client")).isEqualTo(1);
        assertThat(count("afterhours.scheduler.sla.fallbacks", "reason", "no-target")).isEqualTo(1);
    }

    @Test
    void aTargetTooLargeToComputeDoesNotDeadLetterTheClientsEmergenciesTheyAreEscalatedOnTheDefaultTarget() {
        // Saved before the directory bounded targets: receivedAt + target overflows Instant.
        directory.put("huge-sla", allDayClient("huge-sla", 75,
                target(Urgency.EMERGENCY, "PT2562047788015215H", SlaClock.CALENDAR)));
        Instant received = at("2026-11-24T15:00:00Z");
        start(received);

        send(inbound("huge-sla", "m-30", "c-30", Urgency.EMERGENCY, AfterHoursStatus.IN_HOURS, received));
        send(inbound("huge-sla", "m-31", "c-31", Urgency.EMERGENCY, AfterHoursStatus.IN_HOURS, received));

        assertThat(deadLetters.isEmpty()).isTrue();
        assertThat(escalations.readValuesToList()).extracting(EscalationRequested::getEscalationId)
                .containsExactly("m-30:emergency", "m-31:emergency");
        List<SlaEvent> started = slaEvents.readValuesToList();
        assertThat(started).extracting(e -> ((SlaStarted) e.getPayload()).getTarget()).containsExactly("PT15M", "PT15M");
        assertThat(started).extracting(e -> ((SlaStarted) e.getPayload()).getDueAt())
                .containsOnly(received.plus(Duration.ofMinutes(15)));
        assertThat(count("afterhours.scheduler.sla.fallbacks", "reason", "invalid-target")).isEqualTo(2);
        assertThat(count("afterhours.scheduler.dead.letters", "stage", "processing")).isZero();
    }

    /** Output serde that cannot serialize a breach while {@code failures} is positive, as with the registry down. */
    private static Serde<SpecificRecord> breachesFailWhile(java.util.concurrent.atomic.AtomicInteger failures) {
        TestAvroSerde<SpecificRecord> avro = TestAvroSerde.anyRecord();
        Serializer<SpecificRecord> serializer = (topic, value) -> {
            if (value instanceof SlaEvent event && event.getPayload() instanceof SlaBreached
                    && failures.getAndDecrement() > 0) {
                throw new org.apache.kafka.common.errors.SerializationException("registry unreachable",
                        new ConnectException("Connection refused"));
            }
            return avro.serializer().serialize(topic, value);
        };
        return Serdes.serdeFrom(serializer, avro.deserializer());
    }

    @Test
    void aTimerThatFailsIsKeptAndRetriedWithBackoffAlertsAfterNFailuresAndItsBreachIsNotLost() {
        // Tuesday 10:00 in New York, NORMAL PT4H: warning 18:00Z, breach 19:00Z.
        Instant received = at("2026-11-24T15:00:00Z");
        java.util.concurrent.atomic.AtomicInteger failures = new java.util.concurrent.atomic.AtomicInteger(4);
        start(received, TestAvroSerde.of(MessageClassified.class), breachesFailWhile(failures),
                new TimerRetry(Duration.ofSeconds(10), Duration.ofSeconds(40), 3));
        send(inbound("acme-shop", "m-40", "c-40", Urgency.NORMAL, AfterHoursStatus.IN_HOURS, received));
        slaEvents.readValuesToList();
        advanceTo(at("2026-11-24T18:00:00Z"));
        assertThat(slaEvents.readValuesToList()).extracting(SlaEvent::getEventId).containsExactly("m-40:warned");

        Instant due = at("2026-11-24T19:00:00Z");
        advanceTo(due); // failure 1: next attempt after 10 s
        assertThat(count("afterhours.scheduler.timer.failures")).isEqualTo(1);
        KeyValueStore<String, String> timers = driver.getKeyValueStore(SlaTopology.TIMER_STORE);
        String breachTimer = TimerKey.of(due, TimerKey.Kind.BREACH, "m-40").encode();
        assertThat(timers.get(breachTimer)).as("the failing timer stays, under its due time").isEqualTo("m-40");
        KeyValueStore<String, SlaState> states = driver.getKeyValueStore(SlaTopology.STATE_STORE);
        assertThat(states.get("m-40").open()).isTrue();

        advanceTo(due.plusSeconds(5)); // within the backoff: not tried
        assertThat(count("afterhours.scheduler.timer.failures")).isEqualTo(1);
        advanceTo(due.plusSeconds(10)); // failure 2: next after 20 s
        advanceTo(due.plusSeconds(29));
        assertThat(count("afterhours.scheduler.timer.failures")).isEqualTo(2);
        assertThat(metrics.stuckTimers()).isZero();
        advanceTo(due.plusSeconds(30)); // failure 3 = alert-after: next after 40 s
        assertThat(count("afterhours.scheduler.timer.failures")).isEqualTo(3);
        assertThat(registry.get("afterhours.scheduler.timer.failures.pending").gauge().value()).isEqualTo(1);
        advanceTo(due.plusSeconds(70)); // failure 4, capped at 40 s
        advanceTo(due.plusSeconds(109));
        assertThat(count("afterhours.scheduler.timer.failures")).isEqualTo(4);
        assertThat(slaEvents.isEmpty()).isTrue();

        advanceTo(due.plusSeconds(110)); // the registry is back: the breach is published, once, with its due time
        List<TestRecord<String, SlaEvent>> breached = slaEvents.readRecordsToList();
        assertThat(breached).extracting(r -> r.value().getEventId()).containsExactly("m-40:breached");
        assertThat(breached.getFirst().value().getPayload()).isEqualTo(new SlaBreached(due));
        assertThat(registry.get("afterhours.scheduler.timer.failures.pending").gauge().value()).isZero();
        assertThat(timers.get(breachTimer)).isNull();
        assertThat(states.get("m-40").status()).isEqualTo(SlaState.Status.BREACHED);
        assertThat(metrics.openSlas()).isZero();
        KeyValueStore<String, String> retries = driver.getKeyValueStore(SlaTopology.TIMER_RETRY_STORE);
        assertThat(retries.approximateNumEntries()).isZero();
        assertThat(deadLetters.isEmpty()).isTrue();

        advanceTo(due.plus(Duration.ofDays(1)));
        assertThat(slaEvents.isEmpty()).isTrue();
        assertThat(count("afterhours.scheduler.sla.events", "type", "breached", "urgency", "NORMAL")).isEqualTo(1);
    }

    @Test
    void aRedeliveredMessageDoesNotStartItsSlaAgainEvenAfterItClosed() {
        Instant received = at("2026-11-24T15:00:00Z");
        start(received);
        MessageClassified message = inbound("acme-shop", "m-14", "c-14", Urgency.NORMAL, AfterHoursStatus.IN_HOURS,
                received);
        send(message);
        send(message);
        assertThat(slaEvents.readValuesToList()).extracting(SlaEvent::getEventId).containsExactly("m-14:started");

        send(reply("acme-shop", "r-14", "c-14", at("2026-11-24T15:10:00Z")));
        send(message);
        assertThat(slaEvents.readValuesToList()).extracting(SlaEvent::getEventId).containsExactly("m-14:met");
        assertThat(count("afterhours.scheduler.messages", "outcome", "duplicate")).isEqualTo(2);

        // After the retention the closed SLA is forgotten.
        advanceTo(at("2026-12-02T15:00:00Z"));
        KeyValueStore<String, SlaState> states = driver.getKeyValueStore(SlaTopology.STATE_STORE);
        assertThat(states.get("m-14")).isNull();
        KeyValueStore<String, String> timers = driver.getKeyValueStore(SlaTopology.TIMER_STORE);
        assertThat(timers.approximateNumEntries()).isZero();
    }

    @Test
    void anUndecodableRecordGoesToTheDeadLetterHandlerAndProcessingGoesOn() {
        // TopologyTestDriver 4.2.1 does not surface dead-letter records of the deserialization handler (it does
        // for the processing handler below); SlaSchedulingIT reads this one from the real dead-letter topic.
        Instant received = at("2026-11-24T15:00:00Z");
        start(received);

        rawInput.pipeInput("acme-shop".getBytes(StandardCharsets.UTF_8),
                "definitely not avro".getBytes(StandardCharsets.UTF_8), received);
        send(inbound("acme-shop", "m-15", "c-15", Urgency.NORMAL, AfterHoursStatus.IN_HOURS, received));

        assertThat(count("afterhours.scheduler.dead.letters", "stage", "deserialization")).isEqualTo(1);
        assertThat(slaEvents.readValuesToList()).extracting(SlaEvent::getEventId).containsExactly("m-15:started");
    }

    @Test
    void aRecordThatCannotBeDecodedWhileTheRegistryIsDownIsRetriedNotParked() {
        TestAvroSerde<MessageClassified> avro = TestAvroSerde.of(MessageClassified.class);
        Deserializer<MessageClassified> registryDown = (topic, bytes) -> {
            throw new IllegalStateException(new ExecutionException(new ConnectException("Connection refused")));
        };
        start(at("2026-11-24T15:00:00Z"), Serdes.serdeFrom(avro.serializer(), registryDown));

        assertThatThrownBy(() -> send(inbound("acme-shop", "m-17", "c-17", Urgency.NORMAL, AfterHoursStatus.IN_HOURS,
                wallClock))).isInstanceOf(StreamsException.class);

        assertThat(deadLetters.isEmpty()).isTrue();
        assertThat(count("afterhours.scheduler.decode.retries")).isEqualTo(1);
        assertThat(count("afterhours.scheduler.dead.letters", "stage", "deserialization")).isZero();
    }

    @Test
    void aRecordTheProcessorRejectsIsParkedOnTheDeadLetterTopic() {
        Instant received = at("2026-11-24T15:00:00Z");
        start(received);

        input.pipeInput("acme-shop", null, received);
        send(inbound("acme-shop", "m-16", "c-16", Urgency.NORMAL, AfterHoursStatus.IN_HOURS, received));

        List<TestRecord<byte[], byte[]>> parked = deadLetters.readRecordsToList();
        assertThat(parked).hasSize(1);
        assertThat(parked.getFirst().key()).isEqualTo("acme-shop".getBytes(StandardCharsets.UTF_8));
        assertThat(parked.getFirst().value()).isNull();
        assertThat(new String(parked.getFirst().headers().lastHeader("__streams.errors.message").value(),
                StandardCharsets.UTF_8)).contains("without a value");
        assertThat(slaEvents.readValuesToList()).extracting(SlaEvent::getEventId).containsExactly("m-16:started");
        assertThat(count("afterhours.scheduler.dead.letters", "stage", "processing")).isEqualTo(1);
    }
}
