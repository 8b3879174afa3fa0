package dev.afterhours.contracts;

import dev.afterhours.kafka.KafkaConnection;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates catalog topics that do not exist yet, compacting the directory topics and keeping the ones that are a
 * system of record ({@link Topic#keptForever()}) without time limit. Safe to call from every service.
 */
public final class TopicProvisioner {

    private TopicProvisioner() {
    }

    public static NewTopic newTopic(Topic<?, ?> topic, int partitions, short replicationFactor) {
        NewTopic newTopic = new NewTopic(topic.name(), topic.compacted() ? 1 : partitions, replicationFactor);
        if (topic.compacted()) {
            newTopic.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        } else if (topic.keptForever()) {
            newTopic.configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1", TopicConfig.RETENTION_BYTES_CONFIG, "-1"));
        }
        return newTopic;
    }

    /** As {@link #ensure(KafkaConnection, Collection, int, short)} on a plaintext listener (the local stack, tests). */
    public static void ensure(String bootstrapServers, Collection<? extends Topic<?, ?>> topics, int partitions,
            short replicationFactor) {
        ensure(KafkaConnection.plaintext(bootstrapServers), topics, partitions, replicationFactor);
    }

    /** Creates the missing ones among {@code topics} and their dead-letter topics. */
    public static void ensure(KafkaConnection connection, Collection<? extends Topic<?, ?>> topics, int partitions,
            short replicationFactor) {
        try (Admin admin = Admin.create(connection.clientConfig())) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = topics.stream()
                    .flatMap(t -> t.compacted() ? List.<NewTopic>of(newTopic(t, partitions, replicationFactor)).stream()
                            : List.of(newTopic(t, partitions, replicationFactor),
                                    new NewTopic(t.deadLetterTopic(), partitions, replicationFactor)).stream())
                    .filter(t -> !existing.contains(t.name()))
                    .toList();
            if (!missing.isEmpty()) {
                try {
                    admin.createTopics(missing).all().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
            keepForever(admin, topics.stream().filter(Topic::keptForever).filter(t -> existing.contains(t.name())).toList());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not create topics: " + e.getCause(), e.getCause());
        }
    }

    /** A topic created before it was kept forever (with the broker's 7 days) stops expiring records. */
    private static void keepForever(Admin admin, List<? extends Topic<?, ?>> topics)
            throws InterruptedException, ExecutionException {
        if (topics.isEmpty()) {
            return;
        }
        Map<ConfigResource, Collection<AlterConfigOp>> changes = new HashMap<>();
        for (Topic<?, ?> topic : topics) {
            changes.put(new ConfigResource(ConfigResource.Type.TOPIC, topic.name()), List.of(
                    new AlterConfigOp(new ConfigEntry(TopicConfig.RETENTION_MS_CONFIG, "-1"), AlterConfigOp.OpType.SET),
                    new AlterConfigOp(new ConfigEntry(TopicConfig.RETENTION_BYTES_CONFIG, "-1"), AlterConfigOp.OpType.SET)));
        }
        admin.incrementalAlterConfigs(changes).all().get();
    }
}
