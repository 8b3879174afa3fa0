package dev.afterhours.classifier.triage.kafka;

import dev.afterhours.contracts.serde.DecodeFailures;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.listener.AfterRollbackProcessor;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.ListenerUtils;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.listener.SeekUtils;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;

/**
 * After a batch rolled back: seeks every partition back to the batch's first record, so the whole batch is read
 * again, and waits before that next attempt. Nothing is ever parked or skipped here: the listener parks what no
 * retry can fix, and decides when a failure of unknown cause has been retried enough. A transient failure (the
 * registry or the broker unreachable) waits along {@code transientBackOff} (1 s doubling to 30 s, for as long as it
 * takes, starting over once a minute has passed without one); any other waits the configured retry pause.
 */
final class BatchRetry implements AfterRollbackProcessor<Object, Object> {

    private static final LogAccessor LOG = new LogAccessor(LogFactory.getLog(BatchRetry.class));
    static final Duration QUIET_BEFORE_RESET = Duration.ofMinutes(1);

    private final BackOff backOff;
    private final Duration retryPause;
    private final Clock clock;
    private final ThreadLocal<@Nullable Failures> failures = new ThreadLocal<>();

    private record Failures(BackOffExecution waits, Instant last) {
    }

    BatchRetry(BackOff transientBackOff, Duration retryPause, Clock clock) {
        this.backOff = transientBackOff;
        this.retryPause = retryPause;
        this.clock = clock;
    }

    @Override
    public void process(List<ConsumerRecord<Object, Object>> records, Consumer<Object, Object> consumer,
            MessageListenerContainer container, Exception exception, boolean recoverable,
            ContainerProperties.EOSMode eosMode) {
        SeekUtils.doSeeksToBegin(List.copyOf(records), consumer, LOG);
        long wait = DecodeFailures.isTransient(exception) ? nextWait() : retryPause.toMillis();
        LOG.warn(exception, () -> "Batch of " + records.size() + " rolled back; reading it again in " + wait + " ms");
        try {
            ListenerUtils.stoppableSleep(container, wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The next wait after a transient failure: the back-off's next step, or its first when the last is long past. */
    long nextWait() {
        Instant now = clock.instant();
        Failures current = failures.get();
        if (current == null || Duration.between(current.last(), now).compareTo(QUIET_BEFORE_RESET) > 0) {
            current = new Failures(backOff.start(), now);
        }
        failures.set(new Failures(current.waits(), now));
        long wait = current.waits().nextBackOff();
        return wait == BackOffExecution.STOP ? 30_000 : wait;
    }

    @Override
    public void clearThreadState() {
        failures.remove();
    }
}
