package dev.afterhours.ingest.message.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.afterhours.contracts.Channel;
import dev.afterhours.contracts.Direction;
import dev.afterhours.contracts.MessageReceived;
import dev.afterhours.ingest.message.PublishFailedException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** A real Kafka producer with no broker behind it: the caller must get a failure, never a silent success. */
class KafkaReceivedMessageSinkTest {

    @Test
    void anUnreachableBrokerIsAPublishFailure() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + closedPort,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 1000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 500,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 1000);
        KafkaProducer<String, MessageReceived> producer = new KafkaProducer<>(config, new StringSerializer(),
                (topic, value) -> new byte[] {0});
        MessageReceived event = MessageReceived.newBuilder()
                .setMessageId("m").setClientId("acme-shop").setConversationId("c").setChannel(Channel.SMS)
                .setDirection(Direction.INBOUND).setProvider("api").setProviderMessageId("p").setFrom("+1")
                .setTo(List.of()).setSubject(null).setBody("b").setReceivedAt(Instant.EPOCH).setProviderTimestamp(null)
                .setAttachments(List.of()).setHeaders(Map.of()).build();

        try (KafkaReceivedMessageSink sink = new KafkaReceivedMessageSink(producer, Duration.ofSeconds(5))) {
            long started = System.nanoTime();
            assertThatThrownBy(() -> sink.publish(event, "+1"))
                    .isInstanceOf(PublishFailedException.class)
                    .hasMessageContaining("Kafka");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        }
    }
}
