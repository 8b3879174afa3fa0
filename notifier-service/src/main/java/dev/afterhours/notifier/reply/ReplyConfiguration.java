package dev.afterhours.notifier.reply;

import dev.afterhours.directory.DirectoryView;
import dev.afterhours.notifier.acknowledgement.AcknowledgementProperties;
import dev.afterhours.notifier.clientchannel.ClientChannels;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;

/** Staff replies: the ledger of sent replies and the sender (the listener is in {@code kafka}, the status in {@code web}). */
@Configuration(proxyBeanMethods = false)
public class ReplyConfiguration {

    @Bean
    ReplyLedger replyLedger() {
        return new ReplyLedger();
    }

    @Bean
    ReplySender replySender(DirectoryView directory, ClientChannels clientChannels,
            KafkaTemplate<String, SpecificRecord> avroKafkaTemplate,
            @Qualifier("replyTransactionsTemplate") KafkaTemplate<String, SpecificRecord> replyTransactionsTemplate,
            ReplyLedger replyLedger, MeterRegistry registry, AcknowledgementProperties acknowledgements, Clock clock) {
        return new ReplySender(directory, clientChannels, avroKafkaTemplate, replyTransactionsTemplate, replyLedger,
                new ReplyMetrics(registry), acknowledgements.from(), clock);
    }
}
