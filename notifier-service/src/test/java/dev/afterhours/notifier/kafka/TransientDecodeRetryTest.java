package dev.afterhours.notifier.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.util.backoff.FixedBackOff;

/**
 * Which failures of the notifier's listeners are retried (holding the partition) and which are parked, asked of
 * the error handler itself: {@code handleOne} answers false for "seek back and retry", true for "recovered".
 */
class TransientDecodeRetryTest {

    private final List<ConsumerRecord<?, ?>> parked = new ArrayList<>();
    /** Without the pauses: the service waits 1 s, doubling up to 30 s, between attempts. */
    private final DefaultErrorHandler handler = KafkaConfiguration.errorHandler((record, e) -> parked.add(record),
            new FixedBackOff(0, FixedBackOff.UNLIMITED_ATTEMPTS));
    private final ConsumerRecord<String, byte[]> record =
            new ConsumerRecord<>("afterhours.escalations.v1", 0, 42L, "acme-shop", new byte[] {0, 0, 0, 0, 1});

    private static DeserializationException undecodable(Throwable cause) {
        return new DeserializationException("failed to deserialize", new byte[] {0, 0, 0, 0, 1}, false, cause);
    }

    private boolean retried(Exception exception) {
        return !handler.handleOne(new ListenerExecutionFailedException("listener failed", exception), record, null,
                null);
    }

    @Test
    void aRecordUndecodableOnlyBecauseTheRegistryIsUnreachableIsRetriedNotParked() {
        Exception registryDown = undecodable(new SerializationException(
                new ExecutionException(new ConnectException("Connection refused"))));

        for (int attempt = 0; attempt < 100; attempt++) {
            assertThat(retried(registryDown)).as("attempt %d", attempt).isTrue();
        }
        assertThat(parked).isEmpty();
    }

    @Test
    void aRecordThatCanNeverBeDecodedIsParkedAtOnce() {
        assertThat(retried(undecodable(new SerializationException("Unknown magic byte!")))).isFalse();
        assertThat(parked).containsExactly(record);
    }

    @Test
    void anyOtherFailureIsRetriedAFewTimesThenParked() {
        IllegalStateException bug = new IllegalStateException("a bug");
        int retries = 0;
        while (retried(bug)) {
            retries++;
        }
        assertThat(retries).isEqualTo(4);
        assertThat(parked).containsExactly(record);
    }
}
