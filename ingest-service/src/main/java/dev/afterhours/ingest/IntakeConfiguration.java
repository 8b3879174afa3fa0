package dev.afterhours.ingest;

import dev.afterhours.contracts.Topics;
import dev.afterhours.directory.DirectoryView;
import dev.afterhours.ingest.directory.DirectorySeeder;
import dev.afterhours.ingest.message.Backpressure;
import dev.afterhours.ingest.message.ConversationThreader;
import dev.afterhours.ingest.message.IngestMetrics;
import dev.afterhours.ingest.message.MessageIntake;
import dev.afterhours.ingest.message.ReceivedIndex;
import dev.afterhours.ingest.message.kafka.KafkaReceivedMessageSink;
import dev.afterhours.ingest.message.kafka.ReceivedTopicFollower;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires message intake to the directory view, the received topic, backpressure and the metrics. */
@Configuration(proxyBeanMethods = false)
public class IntakeConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    IngestMetrics ingestMetrics(MeterRegistry meters) {
        return new IngestMetrics(meters);
    }

    @Bean
    MessageIntake messageIntake(ReceivedIndex index, DirectoryView directory, KafkaReceivedMessageSink sink,
            ReceivedTopicFollower follower, DirectorySeeder seeder, Backpressure backpressure, IngestMetrics metrics,
            IngestProperties properties, Clock clock) {
        ConversationThreader threader = new ConversationThreader(index, properties.conversationWindow());
        return new MessageIntake(index, threader, directory::clientIdForSender, sink, () -> {
            // Without the directory every sender would be "unresolved"; without the index, retries would pass.
            if (!directory.isLoaded() || !seeder.isDone()) {
                return "the directory is still loading";
            }
            if (!follower.isRebuilt()) {
                return "the idempotency index is still being rebuilt from " + Topics.MESSAGES_RECEIVED.name();
            }
            return null;
        }, backpressure, metrics, clock);
    }
}
