package dev.afterhours.classifier.triage;

import static dev.afterhours.classifier.support.Fixtures.message;
import static org.assertj.core.api.Assertions.assertThat;

import dev.afterhours.classifier.support.BrokerFixtures;
import dev.afterhours.contracts.AfterHoursStatus;
import dev.afterhours.contracts.Channel;
import dev.afterhours.contracts.MessageClassified;
import dev.afterhours.contracts.MessageReceived;
import dev.afterhours.contracts.Topics;
import dev.afterhours.contracts.Urgency;
import dev.afterhours.contracts.serde.RegistrySerdes;
import dev.afterhours.testkit.AfterhoursTestEnvironment;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A restarted classifier knows the contacts an earlier instance classified: two messages of a client are on the
 * classified topic before this service starts (as a previous instance left them), and the client's next message,
 * the first this instance sees, is still the third in ten minutes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "afterhours.test.context=contact-history-rebuild")
class ContactHistoryRebuildIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** A client no other test writes for: only the messages of this test count as its recent contacts. */
    private static final String CLIENT = "rebuild-" + UUID.randomUUID();
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    private static KafkaProducer<String, SpecificRecord> producer;
    private static Deserializer<MessageClassified> classifiedDeserializer;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        AfterhoursTestEnvironment.springProperties().forEach((k, v) -> registry.add(k, () -> v));
    }

    /** Before the service starts: the directory, and what the previous instance classified. */
    @BeforeAll
    static void classifiedByAnEarlierInstance() throws Exception {
        BrokerFixtures.seedDemoDirectory(TIMEOUT);
        Map<String, Object> config = new HashMap<>(AfterhoursTestEnvironment.serdeConfig());
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, AfterhoursTestEnvironment.bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        String coreApi = AfterhoursTestEnvironment.registry().coreApiUrl();
        producer = new KafkaProducer<>(config, new StringSerializer(), RegistrySerdes.valueSerializer(coreApi));
        classifiedDeserializer = RegistrySerdes.valueDeserializer(coreApi);
        for (int minutesAgo : new int[] {4, 2}) {
            MessageReceived earlier = sms("are you there? please call me (" + minutesAgo + " min ago)",
                    NOW.minus(Duration.ofMinutes(minutesAgo)));
            producer.send(new ProducerRecord<>(Topics.MESSAGES_CLASSIFIED.name(), CLIENT, classified(earlier))).get();
        }
    }

    @AfterAll
    static void disconnect() {
        producer.close();
        classifiedDeserializer.close();
    }

    @Test
    void theThirdMessageInTenMinutesIsCountedAcrossARestart() throws Exception {
        MessageReceived third = sms("are you there? please call me", NOW);
        producer.send(new ProducerRecord<>(Topics.MESSAGES_RECEIVED.name(), CLIENT, third)).get();

        MessageClassified result = BrokerFixtures.awaitClassification(third, classifiedDeserializer, TIMEOUT);

        assertThat(result.getReasons()).anyMatch(r -> r.startsWith("3rd message from this client in 10 minutes"));
    }

    private static MessageReceived sms(String body, Instant receivedAt) {
        return message(CLIENT, null, body).setChannel(Channel.SMS).setFrom("+15555550142").setReceivedAt(receivedAt)
                .build();
    }

    private static MessageClassified classified(MessageReceived message) {
        return MessageClassified.newBuilder()
                .setMessageId(message.getMessageId()).setClientId(CLIENT)
                .setConversationId(message.getConversationId()).setUrgency(Urgency.NORMAL).setConfidence(0.5)
                .setReasons(List.of("classified before the restart")).setNeedsResponse(true).setAutoReply(false)
                .setAfterHoursStatus(AfterHoursStatus.IN_HOURS).setClientLocalTime("-")
                .setClassifiedAt(message.getReceivedAt()).setMessage(message).build();
    }
}
