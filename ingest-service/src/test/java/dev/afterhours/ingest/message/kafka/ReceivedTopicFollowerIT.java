package dev.afterhours.ingest.message.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.afterhours.contracts.MessageReceived;
import dev.afterhours.contracts.serde.RegistrySerdes;
import dev.afterhours.directory.follow.TopicFollower;
import dev.afterhours.ingest.IngestITSupport;
import dev.afterhours.ingest.message.ReceivedIndex;
import dev.afterhours.ingest.message.ReceivedIndex.DedupKey;
import dev.afterhours.testkit.AfterhoursTestEnvironment;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.KafkaException;
import org.junit.jupiter.api.Test;

/**
 * The index follower is the shared topic follower: an error while it starts (the broker not reachable yet) is
 * retried with backoff and counted, and the index is rebuilt all the same.
 */
class ReceivedTopicFollowerIT extends IngestITSupport {

    @Test
    void aFailedStartIsRetriedAndTheIndexIsRebuiltFromTheTopic() throws Exception {
        String id = unique("indexed-after-a-restart");
        assertThat(post("/api/v1/messages", email(id, "sam@acme-shop.example", "Invoice question")).status())
                .isEqualTo(202);
        Supplier<Consumer<String, byte[]>> real = TopicFollower.consumers(AfterhoursTestEnvironment.bootstrapServers(),
                "received-follower-it");
        AtomicInteger attempts = new AtomicInteger();
        Supplier<Consumer<String, byte[]>> failingOnce = () -> {
            if (attempts.getAndIncrement() == 0) {
                throw new KafkaException("broker not reachable yet (test)");
            }
            return real.get();
        };
        ReceivedIndex index = new ReceivedIndex();

        try (ReceivedTopicFollower follower = ReceivedTopicFollower.start(failingOnce,
                RegistrySerdes.<MessageReceived>valueDeserializer(
                        RegistrySerdes.coreApi(AfterhoursTestEnvironment.registryUrl())),
                index, Duration.ofHours(1), Duration.ofHours(1), Duration.ofMinutes(1), Clock.systemUTC())) {

            assertThat(follower.awaitCaughtUp(Duration.ofSeconds(60))).isTrue();
            assertThat(follower.status().restarts()).isEqualTo(1);
            assertThat(follower.status().lastFailure()).hasValueSatisfying(
                    failure -> assertThat(failure.error()).hasMessageContaining("broker not reachable yet"));
            assertThat(follower.status().isCaughtUp()).isTrue();
            assertThat(index.find(new DedupKey("postmark", id))).isPresent();
        }
    }
}
