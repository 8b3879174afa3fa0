package dev.afterhours.directory.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.afterhours.contracts.StaffMember;
import dev.afterhours.contracts.TopicProvisioner;
import dev.afterhours.contracts.Topics;
import dev.afterhours.contracts.deadletter.DeadLetter;
import dev.afterhours.contracts.deadletter.DeadLetterAdmin;
import dev.afterhours.contracts.serde.RegistrySerdes;
import dev.afterhours.directory.DirectoryPublisher;
import dev.afterhours.directory.DirectoryValidator;
import dev.afterhours.directory.DirectoryView;
import dev.afterhours.directory.OutboundUrlPolicy;
import dev.afterhours.directory.follow.TopicFollower;
import dev.afterhours.kafka.KafkaConnection;
import dev.afterhours.testkit.AfterhoursTestEnvironment;
import dev.afterhours.testkit.SaslBroker;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The hand-built clients of the shared modules against a real broker that demands SASL/PLAIN authentication (as the
 * Kubernetes cluster demands TLS client certificates): given the {@link KafkaConnection} a service builds from its
 * Spring Kafka settings they create, write, read and replay; given the bootstrap address alone they are refused.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class AuthenticatedClusterIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private static KafkaConnection connection;

    @BeforeAll
    static void provision() {
        RegistrySerdes.trustGeneratedPackage();
        connection = SaslBroker.connection();
        TopicProvisioner.ensure(connection, Topics.DIRECTORY, 3, (short) 1);
    }

    @Test
    void the_provisioner_creates_topics_with_the_connection_and_is_refused_without_it() throws Exception {
        TopicProvisioner.ensure(connection, List.of(Topics.MESSAGES_RECEIVED), 3, (short) 1);

        try (Admin admin = Admin.create(connection.clientConfig())) {
            assertThat(admin.listTopics().names().get()).contains(Topics.MESSAGES_RECEIVED.name(),
                    Topics.MESSAGES_RECEIVED.deadLetterTopic());
        }
        assertThatThrownBy(() -> TopicProvisioner.ensure(SaslBroker.withoutCredentials(),
                List.of(Topics.MESSAGES_CLASSIFIED), 3, (short) 1))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("Could not create topics");
    }

    @Test
    void the_directory_publisher_and_view_write_and_read_with_the_connection() throws Exception {
        String staffId = "sasl-" + UUID.randomUUID();
        try (DirectoryPublisher publisher = new DirectoryPublisher(connection, AfterhoursTestEnvironment.registryUrl(),
                DirectoryValidator.withOutboundPolicy(OutboundUrlPolicy.denyInternal()));
                DirectoryView view = DirectoryView.start(connection, AfterhoursTestEnvironment.registryUrl())) {
            publisher.publish(StaffMember.newBuilder().setStaffId(staffId).setName("Sasl Test").setZone("UTC")
                    .setEmail(staffId + "@agency.example").build());

            assertThat(view.awaitLoaded(WAIT)).isTrue();
            await().atMost(WAIT).until(() -> view.staff(staffId).isPresent());
        }
    }

    @Test
    void the_directory_publisher_is_refused_without_the_connection() {
        try (DirectoryPublisher publisher = new DirectoryPublisher(SaslBroker.withoutCredentials(),
                AfterhoursTestEnvironment.registryUrl(), DirectoryValidator.withOutboundPolicy(OutboundUrlPolicy.denyInternal()))) {
            assertThatThrownBy(() -> publisher.publish(StaffMember.newBuilder().setStaffId("refused").setName("Refused")
                    .setZone("UTC").setEmail("refused@agency.example").build())).isInstanceOf(RuntimeException.class);
        }
    }

    @Test
    void a_follower_reads_with_the_connection_and_never_catches_up_without_it() throws Exception {
        String topic = "afterhours.test.sasl-follow." + UUID.randomUUID();
        send(topic, "k", "v".getBytes(StandardCharsets.UTF_8), new RecordHeaders());
        List<String> seen = new CopyOnWriteArrayList<>();

        try (TopicFollower<String> follower = TopicFollower.builder("sasl", new StringDeserializer()).topic(topic)
                .connection(connection, "sasl-test").onRecord((record, value) -> seen.add(value)).start();
                TopicFollower<String> refused = TopicFollower.builder("sasl-refused", new StringDeserializer())
                        .topic(topic).connection(SaslBroker.withoutCredentials(), "sasl-refused-test")
                        .onRecord((record, value) -> { }).start()) {
            assertThat(follower.awaitCaughtUp(WAIT)).isTrue();
            assertThat(seen).containsExactly("v");
            assertThat(refused.awaitCaughtUp(Duration.ofSeconds(8))).isFalse();
        }
    }

    @Test
    void dead_letters_are_listed_and_replayed_with_the_connection() throws Exception {
        String original = "afterhours.test.sasl-replay." + UUID.randomUUID();
        String deadLetters = original + ".dlt";
        RecordHeaders headers = new RecordHeaders();
        headers.add("kafka_dlt-original-topic", original.getBytes(StandardCharsets.UTF_8));
        headers.add("kafka_dlt-original-partition", ByteBuffer.allocate(4).putInt(0).array());
        headers.add("kafka_dlt-exception-message", "boom".getBytes(StandardCharsets.UTF_8));
        send(original, "k", new byte[0], new RecordHeaders());
        send(deadLetters, "k", "parked".getBytes(StandardCharsets.UTF_8), headers);
        DeadLetterAdmin admin = new DeadLetterAdmin(connection, Set.of(deadLetters), "sasl-test");

        List<DeadLetter> letters = admin.list(deadLetters, 10);
        assertThat(letters).singleElement().satisfies(l -> assertThat(l.key()).isEqualTo("k"));
        DeadLetterAdmin.Replayed replayed = admin.replay(deadLetters, letters.getFirst().partition(),
                letters.getFirst().offset());

        assertThat(replayed.topic()).isEqualTo(original);
        assertThat(admin.list(deadLetters, 10)).singleElement().satisfies(l -> assertThat(l.replayed()).isTrue());
    }

    /** Writes one record into partition 0 of a topic (created by the broker on first use), with the connection. */
    private static void send(String topic, String key, byte[] value, RecordHeaders headers) throws Exception {
        Map<String, Object> config = connection.clientConfig();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, 0, key.getBytes(StandardCharsets.UTF_8), value, headers)).get();
        }
    }
}
