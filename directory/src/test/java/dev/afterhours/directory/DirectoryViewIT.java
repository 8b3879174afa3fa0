package dev.afterhours.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.afterhours.contracts.StaffMember;
import dev.afterhours.contracts.TopicProvisioner;
import dev.afterhours.contracts.Topics;
import dev.afterhours.contracts.serde.RegistrySerdes;
import dev.afterhours.testkit.AfterhoursTestEnvironment;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/**
 * The directory view against a real broker and registry keeps following after its consumer fails: before the shared
 * follower it stopped for good on the first error, and changes never reached the service again.
 */
class DirectoryViewIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void keepsFollowingAfterAConsumerErrorAndIsNotCaughtUpMeanwhile() throws Exception {
        RegistrySerdes.trustGeneratedPackage();
        String bootstrap = AfterhoursTestEnvironment.bootstrapServers();
        TopicProvisioner.ensure(bootstrap, Topics.DIRECTORY, 3, (short) 1);
        String before = "before-" + UUID.randomUUID();
        String after = "after-" + UUID.randomUUID();
        AtomicBoolean failNextPoll = new AtomicBoolean();
        try (DirectoryPublisher publisher = new DirectoryPublisher(bootstrap, AfterhoursTestEnvironment.registryUrl());
                DirectoryView view = DirectoryView.start(() -> failingConsumer(bootstrap, failNextPoll),
                        AfterhoursTestEnvironment.registryUrl(), Duration.ofSeconds(1))) {
            publisher.publish(staff(before));
            assertThat(view.awaitLoaded(WAIT)).isTrue();
            await().atMost(WAIT).until(() -> view.staff(before).isPresent());
            assertThat(view.isCaughtUp()).isTrue();

            failNextPoll.set(true);
            await().atMost(WAIT).until(() -> !view.isCaughtUp());
            assertThat(view.isLoaded()).as("a restarting view keeps what it has").isTrue();
            assertThat(view.staff(before)).isPresent();
            publisher.publish(staff(after));

            await().atMost(WAIT).until(view::isCaughtUp);
            await().atMost(WAIT).until(() -> view.staff(after).isPresent());
            assertThat(view.status().restarts()).isEqualTo(1);
            assertThat(view.status().lastFailure())
                    .hasValueSatisfying(f -> assertThat(f.error()).hasMessage("poll failed (test)"));
        }
    }

    private static StaffMember staff(String id) {
        return StaffMember.newBuilder().setStaffId(id).setName("Test " + id).setZone("UTC").setEmail(id + "@agency.example")
                .build();
    }

    private static KafkaConsumer<String, byte[]> failingConsumer(String bootstrap, AtomicBoolean failNextPoll) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer()) {
            @Override
            public ConsumerRecords<String, byte[]> poll(Duration timeout) {
                if (failNextPoll.getAndSet(false)) {
                    throw new KafkaException("poll failed (test)");
                }
                return super.poll(timeout);
            }
        };
    }
}
