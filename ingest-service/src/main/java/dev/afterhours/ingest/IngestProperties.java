package dev.afterhours.ingest;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of ingest-service ({@code afterhours.ingest.*}).
 *
 * @param maxBodySize          largest request body accepted (413 beyond), enforced while reading
 * @param dedupWindow          how far back the idempotency index reaches: a provider retry within it is a duplicate
 * @param conversationWindow   how long a conversation with the same counterpart stays open for new messages
 * @param publishTimeout       how long a publish may take before the caller gets 503 (Kafka producer delivery timeout)
 * @param startupTimeout       how long startup waits for the directory and the index to load
 * @param directorySyncTimeout how long a directory PUT/DELETE waits for this instance's view to show the change
 * @param indexEvictionInterval how often entries older than the windows are dropped from the in-memory index
 */
@ConfigurationProperties(prefix = "afterhours.ingest")
public record IngestProperties(
        @DefaultValue("256KB") DataSize maxBodySize,
        @DefaultValue("P7D") Duration dedupWindow,
        @DefaultValue("P7D") Duration conversationWindow,
        @DefaultValue("PT10S") Duration publishTimeout,
        @DefaultValue("PT60S") Duration startupTimeout,
        @DefaultValue("PT5S") Duration directorySyncTimeout,
        @DefaultValue("PT1M") Duration indexEvictionInterval) {

    public IngestProperties {
        if (maxBodySize.toBytes() < 1) {
            throw new IllegalArgumentException("afterhours.ingest.max-body-size must be positive");
        }
        if (publishTimeout.compareTo(Duration.ofSeconds(2)) < 0) {
            throw new IllegalArgumentException("afterhours.ingest.publish-timeout must be at least PT2S, was " + publishTimeout);
        }
        if (dedupWindow.isNegative() || conversationWindow.isNegative()) {
            throw new IllegalArgumentException("afterhours.ingest dedup-window and conversation-window must not be negative");
        }
    }
}
