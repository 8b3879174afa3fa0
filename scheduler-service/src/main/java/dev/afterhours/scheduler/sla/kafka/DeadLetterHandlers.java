package dev.afterhours.scheduler.sla.kafka;

import dev.afterhours.contracts.serde.DecodeFailures;
import dev.afterhours.scheduler.sla.SlaMetrics;
import io.micrometer.core.instrument.Metrics;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka Streams' own log-and-continue handlers, which park the failed input record (its original key and value
 * bytes, with the exception, topic, partition and offset in headers) on the topic named by
 * {@code errors.dead.letter.queue.topic.name} within the task's transaction, plus a counter, so a poison record
 * neither stops the scheduler nor disappears.
 */
public final class DeadLetterHandlers {

    /** Streams config entry holding the {@link SlaMetrics} the handlers count with. */
    public static final String METRICS_CONFIG = "afterhours.scheduler.metrics";
    /** Streams config entry: how long to pause before failing on an unreachable registry (a {@link Duration}). */
    public static final String RETRY_PAUSE_CONFIG = "afterhours.scheduler.retry-pause";

    private static final Logger log = LoggerFactory.getLogger(DeadLetterHandlers.class);
    private static final Duration DEFAULT_RETRY_PAUSE = Duration.ofSeconds(5);

    private DeadLetterHandlers() {
    }

    private static SlaMetrics metrics(Map<String, ?> configs) {
        Object configured = configs.get(METRICS_CONFIG);
        return configured instanceof SlaMetrics metrics ? metrics : new SlaMetrics(Metrics.globalRegistry);
    }

    /**
     * True when the failure is about reaching the registry (I/O, connect, timeout, HTTP 5xx), not about the
     * record itself (bad magic byte, unknown schema id, corrupt Avro): {@link DecodeFailures#isTransient}.
     */
    static boolean isTransient(Throwable exception) {
        return DecodeFailures.isTransient(exception);
    }

    /**
     * For records whose key or value cannot be deserialized. A record that cannot be decoded because the
     * registry is unreachable is not poison: the stream thread fails (and is replaced, retrying from the last
     * commit) instead of parking every record while the registry is down.
     */
    public static final class Deserialization extends LogAndContinueExceptionHandler {

        private @Nullable SlaMetrics metrics;
        private Duration retryPause = DEFAULT_RETRY_PAUSE;

        @Override
        public void configure(Map<String, ?> configs) {
            super.configure(configs);
            metrics = metrics(configs);
            if (configs.get(RETRY_PAUSE_CONFIG) instanceof Duration pause) {
                retryPause = pause;
            }
        }

        @Override
        public DeserializationExceptionHandler.Response handleError(ErrorHandlerContext context,
                ConsumerRecord<byte[], byte[]> record, Exception exception) {
            if (isTransient(exception)) {
                log.warn("Cannot decode {}-{}@{} for now ({}); retrying after {}", record.topic(), record.partition(),
                        record.offset(), exception.toString(), retryPause);
                if (metrics != null) {
                    metrics.decodeRetry();
                }
                try {
                    Thread.sleep(retryPause);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return DeserializationExceptionHandler.Response.fail();
            }
            if (metrics != null) {
                metrics.deadLetter("deserialization");
            }
            return super.handleError(context, record, exception);
        }
    }

    /** For records the SLA processor throws on. */
    public static final class Processing extends LogAndContinueProcessingExceptionHandler {

        private @Nullable SlaMetrics metrics;

        @Override
        public void configure(Map<String, ?> configs) {
            super.configure(configs);
            metrics = metrics(configs);
        }

        @Override
        public ProcessingExceptionHandler.Response handleError(ErrorHandlerContext context, Record<?, ?> record,
                Exception exception) {
            if (metrics != null) {
                metrics.deadLetter("processing");
            }
            return super.handleError(context, record, exception);
        }
    }

    /**
     * For output records that cannot be serialized or sent. Fails without a dead-letter record: the input is not
     * at fault (typically the registry is unreachable while an event's schema is looked up). Failing in
     * {@code process} replaces the stream thread, which retries the input from the last commit; failing while a
     * timer fires leaves the timer in place, retried at a later tick. Kafka's default handler would also write
     * a dead-letter record, which from a timer is an empty record on the input's dead-letter topic.
     */
    public static final class Production implements ProductionExceptionHandler {

        @Override
        public void configure(Map<String, ?> configs) {
        }

        @Override
        public ProductionExceptionHandler.Response handleError(ErrorHandlerContext context,
                ProducerRecord<byte[], byte[]> record, Exception exception) {
            return ProductionExceptionHandler.Response.fail();
        }

        @Override
        @SuppressWarnings("rawtypes") // the interface's own signature
        public ProductionExceptionHandler.Response handleSerializationError(ErrorHandlerContext context,
                ProducerRecord record, Exception exception, SerializationExceptionOrigin origin) {
            return ProductionExceptionHandler.Response.fail();
        }
    }
}
