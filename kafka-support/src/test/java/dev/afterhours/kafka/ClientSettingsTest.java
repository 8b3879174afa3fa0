package dev.afterhours.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.afterhours.kafka.ConsumerSettings.Start;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

class ClientSettingsTest {

    private final KafkaConnection connection = KafkaConnection.of("broker:9093",
            Map.of("security.protocol", "SASL_SSL", "sasl.mechanism", "SCRAM-SHA-512"));

    @Test
    void aDurableProducerOverridesWhatConfigurationSaid() {
        Map<String, Object> config = ProducerSettings.from(Map.of(ProducerConfig.ACKS_CONFIG, "1",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false)).durable().build();

        assertThat(config).containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    }

    @Test
    void everyClientKeepsTheConnectionsSecuritySettings() {
        assertThat(ProducerSettings.on(connection).durable().build())
                .containsEntry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "broker:9093")
                .containsEntry("security.protocol", "SASL_SSL");
        assertThat(ConsumerSettings.on(connection).readCommitted().build())
                .containsEntry(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "broker:9093")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512");
    }

    @Test
    void answeringWithinATimeoutBoundsEveryWaitAndLeavesRoomForOneRetry() {
        Map<String, Object> config = ProducerSettings.from(Map.of(ProducerConfig.LINGER_MS_CONFIG, 20))
                .answerWithin(Duration.ofSeconds(5)).build();

        assertThat(config).containsEntry(ProducerConfig.LINGER_MS_CONFIG, 0)
                .containsEntry(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000L)
                .containsEntry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 5_000)
                .containsEntry(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_400);
        // The producer refuses a delivery timeout below linger + request timeout; a short one must still be valid.
        Map<String, Object> tight = ProducerSettings.from(Map.of()).answerWithin(Duration.ofMillis(500)).build();
        assertThat((int) tight.get(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG))
                .isLessThanOrEqualTo((int) tight.get(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG));
        assertThatThrownBy(() -> ProducerSettings.from(Map.of()).answerWithin(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void batchingFillsOnlyWhatConfigurationLeftUnset() {
        Map<String, Object> config = ProducerSettings.from(Map.of(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd"))
                .batched().build();

        assertThat(config).containsEntry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd")
                .containsEntry(ProducerConfig.LINGER_MS_CONFIG, 5)
                .containsEntry(ProducerConfig.BATCH_SIZE_CONFIG, 64 * 1024);
    }

    @Test
    void transactionsAreOnlyWhereAskedFor() {
        Map<String, Object> spring = Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "tx-");

        assertThat(ProducerSettings.from(spring).nonTransactional().build())
                .doesNotContainKey(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        assertThat(ProducerSettings.on(connection).transactional("replay-1").build())
                .containsEntry(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "replay-1")
                .containsEntry(ProducerConfig.ACKS_CONFIG, "all");
    }

    @Test
    void aFollowerReadsCommittedRecordsWithoutAGroupFromTheStart() {
        Map<String, Object> config = ConsumerSettings.from(Map.of(ConsumerConfig.GROUP_ID_CONFIG, "svc",
                        ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "svc-1", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, true))
                .withoutGroup().readCommitted().startAt(Start.EARLIEST).clientId("directory").build();

        assertThat(config).doesNotContainKeys(ConsumerConfig.GROUP_ID_CONFIG, ConsumerConfig.GROUP_INSTANCE_ID_CONFIG)
                .containsEntry(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")
                .containsEntry(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)
                .containsEntry(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        assertThat((String) config.get(ConsumerConfig.CLIENT_ID_CONFIG)).startsWith("directory-").hasSizeGreaterThan(20);
    }

    @Test
    void configurationMayChooseTheStartAndTheTakeoverTime() {
        Map<String, Object> configured = Map.of(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 30_000);

        assertThat(ConsumerSettings.from(configured).startAtUnlessConfigured(Start.EARLIEST).quickTakeover().build())
                .containsEntry(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest")
                .containsEntry(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 30_000)
                .containsEntry(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 3_000);
        assertThat(ConsumerSettings.from(Map.of()).startAt(Start.NONE).quickTakeover().build())
                .containsEntry(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none")
                .containsEntry(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
    }
}
