package dev.afterhours.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.afterhours.contracts.Channel;
import dev.afterhours.contracts.ClientProfile;
import dev.afterhours.contracts.Direction;
import dev.afterhours.contracts.EscalationLevel;
import dev.afterhours.contracts.EscalationPolicy;
import dev.afterhours.contracts.EscalationReason;
import dev.afterhours.contracts.EscalationRequested;
import dev.afterhours.contracts.MessageReceived;
import dev.afterhours.contracts.NotificationEvent;
import dev.afterhours.contracts.SlaEvent;
import dev.afterhours.contracts.SlaPolicy;
import dev.afterhours.contracts.SupportCalendar;
import dev.afterhours.contracts.TopicProvisioner;
import dev.afterhours.contracts.Topics;
import dev.afterhours.contracts.Urgency;
import dev.afterhours.contracts.serde.RegistrySerdes;
import dev.afterhours.directory.DirectoryPublisher;
import dev.afterhours.directory.DirectoryValidator;
import dev.afterhours.directory.OutboundUrlPolicy;
import dev.afterhours.testkit.AfterhoursTestEnvironment;
import dev.afterhours.testkit.TopicProbe;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.test.context.DynamicPropertyRegistry;

/** Events, directory records and topic access shared by the integration tests. */
final class TestEvents {

    static final Duration WAIT = Duration.ofSeconds(60);

    private static KafkaProducer<String, SpecificRecord> producer;
    private static Deserializer<SpecificRecord> decoder;

    private TestEvents() {
    }

    /** Creates every catalog topic as the services would (compacted directory topics), before anything is produced. */
    static void ensureTopics() {
        TopicProvisioner.ensure(AfterhoursTestEnvironment.bootstrapServers(), Topics.ALL, 3, (short) 1);
    }

    static synchronized KafkaProducer<String, SpecificRecord> producer() {
        if (producer == null) {
            Map<String, Object> config = new HashMap<>();
            config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, AfterhoursTestEnvironment.bootstrapServers());
            config.put(ProducerConfig.ACKS_CONFIG, "all");
            producer = new KafkaProducer<>(config, new StringSerializer(),
                    RegistrySerdes.valueSerializer(AfterhoursTestEnvironment.registry().coreApiUrl()));
            Runtime.getRuntime().addShutdownHook(new Thread(producer::close));
        }
        return producer;
    }

    static synchronized Deserializer<SpecificRecord> decoder() {
        if (decoder == null) {
            decoder = RegistrySerdes.valueDeserializer(AfterhoursTestEnvironment.registry().coreApiUrl());
        }
        return decoder;
    }

    static void send(String topic, String key, SpecificRecord value) {
        try {
            producer().send(new ProducerRecord<>(topic, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The notification events on the topic, read until {@code done} holds for them. */
    static List<NotificationEvent> awaitEvents(Predicate<List<NotificationEvent>> done) {
        List<NotificationEvent> events = decode(TopicProbe.readUntil(Topics.NOTIFICATIONS, r -> done.test(decode(r)), WAIT));
        assertThat(done).as("notification events did not arrive in time").accepts(events);
        return events;
    }

    static String subject(MimeMessage message) {
        try {
            return String.valueOf(message.getSubject());
        } catch (Exception e) {
            return "";
        }
    }

    static String recipient(MimeMessage message) {
        try {
            return message.getAllRecipients()[0].toString();
        } catch (Exception e) {
            return "";
        }
    }

    static EscalationRequested escalation(String id, String clientId, String summary) {
        MessageReceived message = MessageReceived.newBuilder().setMessageId("m-" + id).setClientId(clientId)
                .setConversationId("c-" + id).setChannel(Channel.EMAIL).setDirection(Direction.INBOUND)
                .setProvider("postmark").setProviderMessageId("p-" + id).setFrom("dana@acme.example")
                .setSubject("Help").setBody("Our " + summary + ", customers cannot pay.").setReceivedAt(Instant.now()).build();
        return EscalationRequested.newBuilder().setEscalationId(id).setClientId(clientId).setConversationId("c-" + id)
                .setMessageId("m-" + id).setReason(EscalationReason.EMERGENCY).setUrgency(Urgency.EMERGENCY)
                .setSummary(summary).setReasons(List.of("matched '" + summary + "'")).setRequestedAt(Instant.now())
                .setDueAt(Instant.now().plus(Duration.ofMinutes(15))).setMessage(message).build();
    }

    static SlaEvent slaEvent(String eventId, String clientId, String slaId, Object payload) {
        return SlaEvent.newBuilder().setEventId(eventId).setSlaId(slaId).setClientId(clientId).setConversationId("c-" + slaId)
                .setUrgency(Urgency.HIGH).setOccurredAt(Instant.now()).setPayload(payload).build();
    }

    static EscalationLevel level(String rotationId, List<String> staffIds, String ackTimeout) {
        return EscalationLevel.newBuilder().setRotationId(rotationId).setStaffIds(staffIds).setAckTimeout(ackTimeout).build();
    }

    static EscalationPolicy policy(String id, EscalationLevel... levels) {
        return EscalationPolicy.newBuilder().setPolicyId(id).setName(id).setLevels(List.of(levels)).build();
    }

    static ClientProfile client(String id, String name, String accountManager, String policyId) {
        return ClientProfile.newBuilder().setClientId(id).setName(name).setAccountManagerId(accountManager)
                .setCalendar(SupportCalendar.newBuilder().setZone("America/New_York").build())
                .setSlaPolicy(SlaPolicy.newBuilder().setTargets(List.of()).build())
                .setEscalationPolicyId(policyId).build();
    }

    static List<NotificationEvent> decode(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream().map(r -> (NotificationEvent) decoder().deserialize(Topics.NOTIFICATIONS.name(), r.value())).toList();
    }

    static List<NotificationEvent> ofEscalation(List<NotificationEvent> events, String escalationId, Class<?> payload) {
        return events.stream().filter(e -> e.getEscalationId().equals(escalationId) && payload.isInstance(e.getPayload())).toList();
    }

    /** What a receiver computes: hex HMAC-SHA256 of "timestamp.body" with the shared secret. */
    static String hmacHex(String secret, String signed) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * A publisher that lets webhook URLs on loopback through at save time, as an allow-list of 127.0.0.0/8 would:
     * the receivers of these tests run there. What the notifier calls is judged again by its own allow-list.
     */
    static DirectoryPublisher loopbackPublisher() {
        return new DirectoryPublisher(AfterhoursTestEnvironment.bootstrapServers(), AfterhoursTestEnvironment.registryUrl(),
                DirectoryValidator.withOutboundPolicy(OutboundUrlPolicy.parse("127.0.0.0/8")));
    }

    /**
     * What a notifier under test needs besides testkit's broker, registry and issuer: its SMTP port, a webhook
     * secret, its receiver allowed as an outbound target, and an ack-link key.
     */
    static void notifierProperties(DynamicPropertyRegistry registry, int smtpPort, WebhookReceiver webhooks) {
        AfterhoursTestEnvironment.springProperties().forEach((k, v) -> registry.add(k, () -> v));
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> smtpPort);
        registry.add("afterhours.notifier.webhook-secret", () -> "it-" + UUID.randomUUID());
        registry.add("afterhours.notifier.outbound-allow", () -> "127.0.0.1:" + webhooks.port());
        registry.add("afterhours.notifier.ack-links.keys[0].id", () -> "it");
        registry.add("afterhours.notifier.ack-links.keys[0].secret", () -> "it-" + UUID.randomUUID() + UUID.randomUUID());
    }

    /**
     * Twilio (account, auth token, from-number) and Slack (bot token, signing secret) configured, both APIs at
     * {@code providersBaseUrl}: a local WireMock standing in for the two providers.
     */
    static void providerProperties(DynamicPropertyRegistry registry, Supplier<String> providersBaseUrl, String account,
            String twilioAuthToken, String fromNumber, String slackBotToken, String slackSigningSecret) {
        registry.add("afterhours.notifier.twilio.account-sid", () -> account);
        registry.add("afterhours.notifier.twilio.auth-token", () -> twilioAuthToken);
        registry.add("afterhours.notifier.twilio.from-number", () -> fromNumber);
        registry.add("afterhours.notifier.twilio.api-base-url", providersBaseUrl::get);
        registry.add("afterhours.notifier.slack.bot-token", () -> slackBotToken);
        registry.add("afterhours.notifier.slack.signing-secret", () -> slackSigningSecret);
        registry.add("afterhours.notifier.slack.api-base-url", () -> providersBaseUrl.get() + "/api");
    }

    /** WireMock standing in for Twilio's Messages API: every text is accepted (201, {@code queued}, {@code sid}). */
    static void acceptTexts(com.github.tomakehurst.wiremock.WireMockServer twilio, String sid) {
        twilio.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(
                        com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching("/2010-04-01/Accounts/.+/Messages.json"))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(201)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"sid\": \"" + sid + "\", \"status\": \"queued\"}")));
    }

    /** WireMock standing in for Slack's {@code chat.postMessage}: every post is accepted, in {@code channel}. */
    static void acceptSlackPosts(com.github.tomakehurst.wiremock.WireMockServer slack, String channel) {
        slack.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(
                        com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo("/api/chat.postMessage"))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"ok\": true, \"channel\": \"" + channel + "\", \"ts\": \"2.3\"}")));
    }

    /** The {@code chat.postMessage} bodies the WireMock standing in for Slack got for this thread. */
    static List<tools.jackson.databind.JsonNode> slackPostsIn(com.github.tomakehurst.wiremock.WireMockServer slack,
            String thread) {
        tools.jackson.databind.json.JsonMapper json = tools.jackson.databind.json.JsonMapper.builder().build();
        return slack.getAllServeEvents().stream().map(e -> e.getRequest())
                .filter(r -> r.getUrl().equals("/api/chat.postMessage")).map(r -> json.readTree(r.getBodyAsString()))
                .filter(b -> thread.equals(b.path("thread_ts").asString(""))).toList();
    }

    /** The texts the WireMock standing in for Twilio was asked to send to {@code to}, as their forms. */
    static java.util.List<java.util.Map<String, String>> textsTo(com.github.tomakehurst.wiremock.WireMockServer twilio,
            String to) {
        return twilio.getAllServeEvents().stream().map(e -> e.getRequest())
                .filter(r -> r.getUrl().endsWith("/Messages.json"))
                .map(r -> dev.afterhours.notifier.channelack.ChannelAcks.form(r.getBodyAsString()))
                .filter(f -> to.equals(f.get("To"))).toList();
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }


    /** The outcomes recorded for this acknowledgement request, in order, once there are at least {@code count}. */
    static List<dev.afterhours.contracts.AutoReplyOutcome> acknowledgementOutcomes(String requestId, int count) {
        List<dev.afterhours.contracts.AutoReplyOutcome> outcomes = acknowledgementOutcomes(
                dev.afterhours.testkit.TopicProbe.readUntil(Topics.AUTO_REPLY_OUTCOMES,
                        records -> acknowledgementOutcomes(records, requestId).size() >= count, WAIT), requestId);
        org.assertj.core.api.Assertions.assertThat(outcomes).as("outcomes of %s", requestId)
                .hasSizeGreaterThanOrEqualTo(count);
        return outcomes;
    }

    private static List<dev.afterhours.contracts.AutoReplyOutcome> acknowledgementOutcomes(
            List<ConsumerRecord<byte[], byte[]>> records, String requestId) {
        return records.stream()
                .map(r -> (dev.afterhours.contracts.AutoReplyRecorded) decoder().deserialize(
                        Topics.AUTO_REPLY_OUTCOMES.name(), r.value()))
                .filter(r -> r.getRequestId().equals(requestId))
                .map(dev.afterhours.contracts.AutoReplyRecorded::getOutcome).toList();
    }

    /** {@code afterhours.notifier.acknowledgements} of this channel and outcome; 0 before it is registered. */
    static double acknowledgementCount(io.micrometer.core.instrument.MeterRegistry meters, String channel, String outcome) {
        return count(meters, "afterhours.notifier.acknowledgements", channel, outcome);
    }

    /** {@code afterhours.notifier.sla.updates} of this channel and outcome; 0 before it is registered. */
    static double slaUpdateCount(io.micrometer.core.instrument.MeterRegistry meters, String channel, String outcome) {
        return count(meters, "afterhours.notifier.sla.updates", channel, outcome);
    }

    private static double count(io.micrometer.core.instrument.MeterRegistry meters, String name, String channel,
            String outcome) {
        io.micrometer.core.instrument.@org.jspecify.annotations.Nullable Counter counter = meters
                .find(name).tag("channel", channel).tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }
}
