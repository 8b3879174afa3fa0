package dev.afterhours.classifier.triage.kafka;

import static dev.afterhours.classifier.support.Fixtures.message;
import static org.assertj.core.api.Assertions.assertThat;

import dev.afterhours.classifier.support.BrokerFixtures;
import dev.afterhours.classifier.triage.MessageTriage;
import dev.afterhours.classifier.triage.WordsVerdicts;
import dev.afterhours.contracts.Channel;
import dev.afterhours.contracts.EmergencyEscalations;
import dev.afterhours.contracts.EscalationRequested;
import dev.afterhours.contracts.MessageClassified;
import dev.afterhours.contracts.MessageReceived;
import dev.afterhours.contracts.Topics;
import dev.afterhours.contracts.serde.RegistrySerdes;
import dev.afterhours.testkit.AfterhoursTestEnvironment;
import dev.afterhours.testkit.TopicProbe;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The emergency fast lane against a real broker and registry: with the transactional pipeline stopped (a backlog it
 * has not reached), an emergency is still escalated, once, under the id the scheduler would use; routine messages
 * and old emergencies are not. Started again, the pipeline reuses the words the lane judged and publishes the
 * decisions it would have made without the lane.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class EmergencyFastLaneIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private static KafkaProducer<String, MessageReceived> producer;
    private static Deserializer<SpecificRecord> decoder;

    @Autowired
    EmergencyFastLane lane;
    @Autowired
    KafkaListenerEndpointRegistry listeners;
    @Autowired
    Clock clock;
    @Autowired
    MessageTriage triage;
    @Autowired
    MeterRegistry meters;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        AfterhoursTestEnvironment.springProperties().forEach((k, v) -> registry.add(k, () -> v));
    }

    @BeforeAll
    static void seedDirectoryAndConnect() throws InterruptedException {
        BrokerFixtures.seedDemoDirectory(TIMEOUT);
        Map<String, Object> config = new HashMap<>(AfterhoursTestEnvironment.serdeConfig());
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, AfterhoursTestEnvironment.bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(config, new StringSerializer(),
                RegistrySerdes.valueSerializer(AfterhoursTestEnvironment.registry().coreApiUrl()));
        decoder = RegistrySerdes.valueDeserializer(AfterhoursTestEnvironment.registry().coreApiUrl());
    }

    @AfterAll
    static void disconnect() {
        producer.close();
        decoder.close();
    }

    @Test
    void anEmergencyIsEscalatedOnceWhileThePipelineHasNotReachedItRoutineAndOldMessagesAreNot() throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!lane.positioned() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(lane.positioned()).as("the lane owns its partitions").isTrue();
        MessageListenerContainer pipeline = listeners.getListenerContainer(ReceivedMessageListener.ID);
        assertThat(pipeline).isNotNull();
        pipeline.stop();
        double reusedBefore = wordsVerdicts("reused");
        List<MessageReceived> skimmed;
        try {
            skimmed = routineAndOldAreLeftToThePipelineTheEmergencyIsEscalatedOnce();
        } finally {
            pipeline.start();
        }
        thePipelinePublishesWhatItWouldHaveDecidedWithoutTheLane(skimmed, reusedBefore);
    }

    /** @return the messages sent, in order: routine, old, emergency */
    private List<MessageReceived> routineAndOldAreLeftToThePipelineTheEmergencyIsEscalatedOnce() throws Exception {
        long escalationsBefore = TopicProbe.endOffsets(Topics.ESCALATIONS);

        MessageReceived routine = send(message("acme-shop", "Footer", "Could you update the footer text?")
                .setReceivedAt(clock.instant()));
        MessageReceived old = send(message("acme-shop", null, "site is down")
                .setChannel(Channel.SMS).setFrom("+15550100001").setTo(List.of("+15550199911"))
                .setReceivedAt(clock.instant().minus(Duration.ofHours(1))));
        MessageReceived emergency = send(message("acme-shop", null, "site is down, customers see an error page")
                .setChannel(Channel.SMS).setFrom("+15550100001").setTo(List.of("+15550199911"))
                .setReceivedAt(clock.instant()));

        List<EscalationRequested> escalations = new ArrayList<>();
        TopicProbe.readUntil(Topics.ESCALATIONS, records -> {
            escalations.clear();
            for (ConsumerRecord<byte[], byte[]> record : records) {
                escalations.add((EscalationRequested) decoder.deserialize(record.topic(), record.value()));
            }
            return escalations.stream().anyMatch(e -> e.getMessageId().equals(emergency.getMessageId()));
        }, TIMEOUT);
        // One partition (one client), skimmed in order: once the emergency's escalation is there, the lane has
        // already passed the routine and the old message.
        List<EscalationRequested> ours = escalations.stream().filter(e -> List.of(routine.getMessageId(),
                old.getMessageId(), emergency.getMessageId()).contains(e.getMessageId())).toList();

        assertThat(ours).singleElement().satisfies(e -> {
            assertThat(e.getEscalationId()).isEqualTo(EmergencyEscalations.escalationId(emergency.getMessageId()));
            assertThat(e.getClientId()).isEqualTo("acme-shop");
            assertThat(e.getSummary()).isEqualTo("Acme Shop: site is down, customers see an error page");
            assertThat(e.getReasons()).contains("dedicated emergency line +15550199911",
                    "paged by the emergency fast lane, ahead of the full pipeline");
            assertThat(e.getDueAt()).isNull();
            assertThat(e.getMessage()).isEqualTo(emergency);
        });
        assertThat(TopicProbe.endOffsets(Topics.ESCALATIONS)).isGreaterThan(escalationsBefore);
        return List.of(routine, old, emergency);
    }

    /**
     * The lane judged the routine message and the emergency (not the old one) before the pipeline started: the
     * pipeline reuses those words, and each published decision equals the one judged afresh, with the same history,
     * at the same instant, without the lane's words.
     */
    private void thePipelinePublishesWhatItWouldHaveDecidedWithoutTheLane(List<MessageReceived> sent,
            double reusedBefore) {
        Map<String, MessageClassified> published = new HashMap<>();
        TopicProbe.readUntil(Topics.MESSAGES_CLASSIFIED, records -> {
            for (ConsumerRecord<byte[], byte[]> record : records) {
                MessageClassified classified = (MessageClassified) decoder.deserialize(record.topic(), record.value());
                if (sent.contains(classified.getMessage())) {
                    published.put(classified.getMessageId(), classified);
                }
            }
            return published.size() == sent.size();
        }, TIMEOUT);

        assertThat(published).hasSameSizeAs(sent);
        for (MessageReceived message : sent) {
            MessageClassified byThePipeline = published.get(message.getMessageId());
            assertThat(byThePipeline).as(message.getBody())
                    .isEqualTo(triage.classify(message, byThePipeline.getClassifiedAt()));
        }
        assertThat(wordsVerdicts("reused") - reusedBefore).as("words the lane judged, reused").isGreaterThanOrEqualTo(2);
    }

    private double wordsVerdicts(String outcome) {
        return meters.get(WordsVerdicts.METRIC).tag("outcome", outcome).counter().count();
    }

    private static MessageReceived send(MessageReceived.Builder builder) throws Exception {
        MessageReceived message = builder.build();
        producer.send(new ProducerRecord<>(Topics.MESSAGES_RECEIVED.name(), message.getClientId(), message)).get();
        return message;
    }
}
