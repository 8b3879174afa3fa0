package dev.afterhours.contracts;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates catalog topics that do not exist yet, compacting the directory topics. Safe to call from every service. */
public final class TopicProvisioner {

    private TopicProvisioner() {
    }

    public static NewTopic newTopic(Topic<?, ?> topic, int partitions, short replicationFactor) {
        NewTopic newTopic = new NewTopic(topic.name(), topic.compacted() ? 1 : partitions, replicationFactor);
        if (topic.compacted()) {
            newTopic.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        }
        return newTopic;
    }

    /** Creates the missing ones among {@code topics} and their dead-letter topics. */
    public static void ensure(String bootstrapServers, Collection<? extends Topic<?, ?>> topics, int partitions,
            short replicationFactor) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = topics.stream()
                    .flatMap(t -> t.compacted() ? List.<NewTopic>of(newTopic(t, partitions, replicationFactor)).stream()
                            : List.of(newTopic(t, partitions, replicationFactor),
                                    new NewTopic(t.deadLetterTopic(), partitions, replicationFactor)).stream())
                    .filter(t -> !existing.contains(t.name()))
                    .toList();
            if (missing.isEmpty()) {
                return;
            }
            try {
                admin.createTopics(missing).all().get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not create topics: " + e.getCause(), e.getCause());
        }
    }
}
