package dev.afterhours.classifier;

import dev.afterhours.contracts.Topic;
import java.util.List;

/** The topics this service reads and writes, created (with their dead-letter topics) before anything uses them. */
public record ProvisionedTopics(List<Topic<String, ?>> topics) {

    public ProvisionedTopics {
        topics = List.copyOf(topics);
    }
}
