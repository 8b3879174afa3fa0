package dev.afterhours.ingest.reply.kafka;

import dev.afterhours.contracts.Topics;
import dev.afterhours.ingest.IngestProperties;
import dev.afterhours.ingest.KafkaInfrastructure.Endpoints;
import dev.afterhours.ingest.message.ReceivedIndex;
import dev.afterhours.ingest.message.kafka.AcknowledgedProducer;
import dev.afterhours.ingest.message.kafka.ReceivedTopicFollower;
import dev.afterhours.ingest.reply.ReplyProperties;
import dev.afterhours.ingest.reply.StaffReplies;
import java.time.Clock;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The replies topic's producer and the staff replies that write to it. */
@Configuration(proxyBeanMethods = false)
public class ReplyTopicConfiguration {

    @Bean(destroyMethod = "close")
    KafkaReplySink replySink(KafkaProperties kafka, Endpoints endpoints, IngestProperties properties) {
        return new KafkaReplySink(AcknowledgedProducer.create(kafka.buildProducerProperties(), endpoints,
                properties.publishTimeout(), "ingest-replies"));
    }

    @Bean
    StaffReplies staffReplies(ReceivedIndex index, KafkaReplySink sink, ReceivedTopicFollower follower,
            IngestProperties properties, ReplyProperties replies, Clock clock) {
        // Before the index is rebuilt a conversation would look unknown: 503 then, not 404.
        return new StaffReplies(index, sink, () -> follower.isRebuilt() ? null
                : "the conversation index is still being rebuilt from " + Topics.MESSAGES_RECEIVED.name(),
                properties.conversationWindow(), replies.maxTextLength(), clock);
    }
}
