package dev.afterhours.classifier.triage.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import java.lang.reflect.Method;
import java.net.ConnectException;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ErrorHandlingUtils;
import org.springframework.kafka.listener.ExceptionClassifier;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.support.ExceptionMatcher;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.FixedBackOff;

/** Which failures of the received-message listener are retried (holding the partition) and which are parked. */
class TransientDecodeRetryTest {

    private final DeadLetters deadLetters = mock(DeadLetters.class);
    @SuppressWarnings("unchecked")
    private final KafkaTemplate<String, Object> template = mock(KafkaTemplate.class);

    private static Exception failed(Throwable cause) {
        return new ListenerExecutionFailedException("listener failed", cause);
    }

    private static DeserializationException undecodable(Throwable cause) {
        return new DeserializationException("failed to deserialize", new byte[] {0, 0, 0, 0, 1}, false, cause);
    }

    /** What the processor's retry decision consults (FailedRecordProcessor asks the same protected method). */
    private static boolean retryable(ExceptionClassifier classifier, Exception exception) throws Exception {
        Method method = ExceptionClassifier.class.getDeclaredMethod("getExceptionMatcher");
        method.setAccessible(true);
        ExceptionMatcher matcher = (ExceptionMatcher) method.invoke(classifier);
        return matcher.match(ErrorHandlingUtils.unwrapIfNeeded(exception));
    }

    @Test
    void aRecordUndecodableOnlyBecauseTheRegistryIsUnreachableIsRetriedTheOthersAreParkedAtOnce() throws Exception {
        ExceptionClassifier afterRollback = ClassifierKafkaConfiguration.afterRollbackProcessor(deadLetters,
                new FixedBackOff(0, 2), template);
        ExceptionClassifier errorHandler = ClassifierKafkaConfiguration.errorHandler(deadLetters, new FixedBackOff(0, 2));
        Exception registryDown = failed(undecodable(new SerializationException(
                new ExecutionException(new ConnectException("Connection refused")))));
        Exception badMagicByte = failed(undecodable(new SerializationException("Unknown magic byte!")));
        Exception notAMessage = failed(new UnprocessableMessageException("expected a MessageReceived"));
        Exception bug = failed(new IllegalStateException("a bug"));

        for (ExceptionClassifier classifier : new ExceptionClassifier[] {afterRollback, errorHandler}) {
            assertThat(retryable(classifier, registryDown)).isTrue();
            assertThat(retryable(classifier, badMagicByte)).isFalse();
            assertThat(retryable(classifier, notAMessage)).isFalse();
            assertThat(retryable(classifier, bug)).isTrue();
        }
    }

    @Test
    void theRegistryIsWaitedForWithGrowingPausesForAsLongAsItTakes() {
        BackOffExecution waits = ClassifierKafkaConfiguration.transientBackOff().start();
        long previous = 0;
        for (int i = 0; i < 1_000; i++) {
            long wait = waits.nextBackOff();
            assertThat(wait).isNotEqualTo(BackOffExecution.STOP).isBetween(previous, 30_000L);
            previous = wait;
        }
        assertThat(previous).isEqualTo(30_000);
    }
}
