package dev.afterhours.ingest;

import dev.afterhours.contracts.Channel;
import dev.afterhours.contracts.Topics;
import dev.afterhours.directory.DirectoryView;
import dev.afterhours.ingest.directory.DirectorySeeder;
import dev.afterhours.ingest.message.Backpressure;
import dev.afterhours.ingest.message.ConversationThreader;
import dev.afterhours.ingest.message.EarlyPage;
import dev.afterhours.ingest.message.IngestMetrics;
import dev.afterhours.ingest.message.MessageIntake;
import dev.afterhours.ingest.message.ReceivedIndex;
import dev.afterhours.ingest.message.kafka.KafkaReceivedMessageSink;
import dev.afterhours.ingest.message.kafka.ReceivedTopicFollower;
import dev.afterhours.ingest.twilio.TwilioProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires message intake to the directory view, the received topic, backpressure, the early page (none when
 * {@code afterhours.ingest.early-page.enabled} is false) and the metrics.
 */
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
            ReceivedTopicFollower follower, DirectorySeeder seeder, Backpressure backpressure,
            ObjectProvider<EarlyPage> earlyPage, IngestMetrics metrics, IngestProperties properties,
            TwilioProperties twilio, Clock clock) {
        if (twilio.smsConversationWindow().compareTo(properties.conversationWindow()) > 0) {
            // The index forgets conversations older than conversation-window: a longer SMS window could not be kept.
            throw new IllegalArgumentException("afterhours.ingest.twilio.sms-conversation-window ("
                    + twilio.smsConversationWindow() + ") must not exceed afterhours.ingest.conversation-window ("
                    + properties.conversationWindow() + ")");
        }
        ConversationThreader threader = new ConversationThreader(index, properties.conversationWindow(),
                Map.of(Channel.SMS, twilio.smsConversationWindow()));
        return new MessageIntake(index, threader, directory::clientIdForSender, sink, () -> {
            // Without the directory every sender would be "unresolved"; without the index, retries would pass.
            if (!directory.isLoaded() || !seeder.isDone()) {
                return "the directory is still loading";
            }
            if (!follower.isRebuilt()) {
                return "the idempotency index is still being rebuilt from " + Topics.MESSAGES_RECEIVED.name();
            }
            return null;
        }, backpressure, earlyPage.getIfAvailable(() -> EarlyPage.NONE), metrics, clock);
    }
}
