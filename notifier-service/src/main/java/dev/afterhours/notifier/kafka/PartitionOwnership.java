package dev.afterhours.notifier.kafka;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;

/**
 * Which partitions of which topics this instance consumes right now. The acknowledgement timer of an escalation
 * fires only on the instance that owns the client's escalations partition, so several instances do not all page the
 * next level. Assumes the default partitioner, which every Afterhours producer uses (keys are client ids).
 */
public final class PartitionOwnership {

    private final Set<TopicPartition> owned = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> partitionCounts = new ConcurrentHashMap<>();

    void assigned(Collection<TopicPartition> partitions, Map<String, Integer> counts) {
        owned.addAll(partitions);
        partitionCounts.putAll(counts);
    }

    void revoked(Collection<TopicPartition> partitions) {
        owned.removeAll(partitions);
    }

    /** Whether records with this key on this topic come to this instance. */
    public boolean ownsKey(String topic, String key) {
        Integer count = partitionCounts.get(topic);
        if (count == null || count == 0) {
            return false;
        }
        int partition = Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % count;
        return owned.contains(new TopicPartition(topic, partition));
    }
}
