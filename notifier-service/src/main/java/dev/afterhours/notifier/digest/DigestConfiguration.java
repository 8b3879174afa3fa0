package dev.afterhours.notifier.digest;

import dev.afterhours.contracts.TopicProvisioner;
import dev.afterhours.contracts.Topics;
import dev.afterhours.kafka.KafkaConnection;
import dev.afterhours.directory.DirectoryView;
import dev.afterhours.notifier.delivery.EmailSender;
import dev.afterhours.notifier.delivery.SlackPoster;
import dev.afterhours.notifier.kafka.KafkaConfiguration.TopicsReady;
import dev.afterhours.notifier.kafka.PartitionOwnership;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;

/** The morning digests; {@code afterhours.notifier.digest.enabled=false} turns them off. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "afterhours.notifier.digest", name = "enabled", havingValue = "true", matchIfMissing = true)
class DigestConfiguration {

    @Bean
    DigestBook digestBook() {
        return new DigestBook();
    }

    @Bean
    DigestLedger digestLedger() {
        return new DigestLedger();
    }

    @Bean
    DigestSender digestSender(DirectoryView directory, DigestBook book, DigestLedger ledger, EmailSender email, SlackPoster slack,
            KafkaTemplate<String, SpecificRecord> avroKafkaTemplate, PartitionOwnership ownership,
            DigestProperties properties, MeterRegistry registry, Clock clock) {
        // One instance per person: the one consuming the SLA events partition the person's id falls in.
        return new DigestSender(directory, book, ledger, email, slack, avroKafkaTemplate,
                staffId -> ownership.ownsKey(Topics.SLA_EVENTS.name(), staffId), properties.from(), registry, clock);
    }

    @Bean(destroyMethod = "close")
    DigestFeed digestFeed(TopicsReady topics, KafkaConnection kafka, @Value("${afterhours.registry.url}") String registryUrl,
            @Value("${afterhours.kafka.partitions:3}") int partitions,
            @Value("${afterhours.kafka.replication-factor:1}") short replicationFactor, DigestBook book,
            DigestLedger ledger, DigestSender sender, DigestProperties properties, Clock clock) {
        TopicProvisioner.ensure(kafka, List.of(Topics.NOTIFIER_DIGESTS), partitions, replicationFactor);
        return new DigestFeed(kafka, registryUrl, book, ledger, sender, properties, clock);
    }
}
