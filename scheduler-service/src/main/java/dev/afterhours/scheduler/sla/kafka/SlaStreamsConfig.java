package dev.afterhours.scheduler.sla.kafka;

import dev.afterhours.contracts.Topics;
import dev.afterhours.kafka.ConsumerSettings;
import dev.afterhours.kafka.ConsumerSettings.Start;
import dev.afterhours.kafka.KafkaConnection;
import dev.afterhours.scheduler.sla.SlaMetrics;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;

/** The Kafka Streams configuration of the scheduler, shared by the running service and the topology tests. */
public final class SlaStreamsConfig {

    private SlaStreamsConfig() {
    }

    /** As {@link #properties(String, KafkaConnection, Path, int, int, SlaMetrics)} on a plaintext listener (tests). */
    public static Properties properties(String applicationId, String bootstrapServers, Path stateDir,
            int replicationFactor, int streamThreads, SlaMetrics metrics) {
        return properties(applicationId, KafkaConnection.plaintext(bootstrapServers), stateDir, replicationFactor,
                streamThreads, metrics);
    }

    /**
     * @param connection        the cluster; its security settings reach every client Kafka Streams makes (consumers,
     *                          the exactly-once producers, the admin client that creates changelog topics)
     * @param replicationFactor of the changelog topics
     * @param metrics           counted into by the dead-letter handlers
     */
    public static Properties properties(String applicationId, KafkaConnection connection, Path stateDir,
            int replicationFactor, int streamThreads, SlaMetrics metrics) {
        Properties props = new Properties();
        props.putAll(connection.clientConfig());
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        // Events, timer deletions and store writes commit together, or not at all.
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, replicationFactor);
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, streamThreads);
        // A killed instance's tasks (and their SLA timers) go to the other instances within seconds, not 45 s.
        ConsumerSettings.from(Map.of()).startAt(Start.EARLIEST).quickTakeover().build()
                .forEach((key, value) -> props.put(StreamsConfig.consumerPrefix(key), value));
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandlers.Deserialization.class);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandlers.Processing.class);
        props.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandlers.Production.class);
        props.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, Topics.MESSAGES_CLASSIFIED.deadLetterTopic());
        props.put(DeadLetterHandlers.METRICS_CONFIG, metrics);
        return props;
    }
}
