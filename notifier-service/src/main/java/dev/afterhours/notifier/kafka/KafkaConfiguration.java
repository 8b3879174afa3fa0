package dev.afterhours.notifier.kafka;

import dev.afterhours.contracts.AutoReplyRecorded;
import dev.afterhours.contracts.CrmNoteAdded;
import dev.afterhours.contracts.NotificationEvent;
import dev.afterhours.contracts.ReplyRecorded;
import dev.afterhours.contracts.Topic;
import dev.afterhours.contracts.TopicProvisioner;
import dev.afterhours.contracts.Topics;
import dev.afterhours.contracts.serde.DecodeFailures;
import dev.afterhours.contracts.serde.RegistrySerdes;
import dev.afterhours.directory.follow.FollowerMeters;
import dev.afterhours.kafka.ConsumerSettings;
import dev.afterhours.kafka.KafkaConnection;
import dev.afterhours.kafka.ProducerSettings;
import dev.afterhours.notifier.NotifierProperties;
import dev.afterhours.notifier.acknowledgement.AcknowledgementLedger;
import dev.afterhours.notifier.crm.CrmNotes;
import dev.afterhours.notifier.ledger.NotificationLedger;
import dev.afterhours.notifier.reply.ReplyLedger;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * Kafka wiring: topics, the idempotent acks=all producer, the listener container factory with dead-lettering, and
 * the followers of the notifications and CRM notes topics.
 */
@Configuration(proxyBeanMethods = false)
public class KafkaConfiguration {

    private static final Logger log = LoggerFactory.getLogger(KafkaConfiguration.class);

    /**
     * How every client this service builds by hand (provisioning, followers, dead-letter admin) reaches the cluster:
     * {@code spring.kafka.bootstrap-servers}, {@code spring.kafka.security.*}, {@code spring.kafka.ssl.*} and
     * {@code spring.kafka.properties.*} (e.g. {@code sasl.*}), the settings Spring's own clients get.
     */
    @Bean
    KafkaConnection kafkaConnection(KafkaProperties kafka) {
        return KafkaConnection.fromClientConfig(kafka.buildAdminProperties());
    }

    /** Marker that the topics this service reads and writes exist. */
    public record TopicsReady(List<String> topics) {
    }

    @Bean
    TopicsReady topicsReady(KafkaConnection kafka, @Value("${afterhours.kafka.partitions:3}") int partitions,
            @Value("${afterhours.kafka.replication-factor:1}") short replicationFactor) {
        List<Topic<String, ?>> topics = new ArrayList<>(List.of(Topics.ESCALATIONS, Topics.SLA_EVENTS, Topics.NOTIFICATIONS, Topics.CRM_NOTES,
                Topics.AUTO_REPLIES, Topics.AUTO_REPLY_OUTCOMES, Topics.REPLIES, Topics.NOTIFIER_REPLIES,
                // a sent staff reply is recorded there (reply/ReplySender)
                Topics.MESSAGES_RECEIVED,
                // read by the reports (report/ReportFeed)
                Topics.MESSAGES_CLASSIFIED, Topics.URGENCY_CORRECTIONS));
        topics.addAll(Topics.DIRECTORY);
        TopicProvisioner.ensure(kafka, topics, partitions, replicationFactor);
        return new TopicsReady(topics.stream().map(Topic::name).toList());
    }

    @Bean
    ProducerFactory<String, SpecificRecord> avroProducerFactory(KafkaProperties kafka,
            @Value("${afterhours.registry.url}") String registryUrl) {
        Map<String, Object> config = ProducerSettings.from(kafka.buildProducerProperties()).durable().build();
        config.putAll(RegistrySerdes.config(RegistrySerdes.coreApi(registryUrl)));
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, AvroKafkaSerializer.class);
        return new DefaultKafkaProducerFactory<>(config);
    }

    /** Primary: the one every sender gets, beside the replies' transactional one. */
    @Bean
    @Primary
    KafkaTemplate<String, SpecificRecord> avroKafkaTemplate(ProducerFactory<String, SpecificRecord> avroProducerFactory) {
        return new KafkaTemplate<>(avroProducerFactory);
    }

    /**
     * Writes a sent staff reply's outcome and its OUTBOUND message in one transaction. The transactional ids are this
     * instance's own (a random part), so two instances never fence each other; once-only sending does not rest on
     * fencing but on the replies ledger.
     */
    @Bean
    KafkaTemplate<String, SpecificRecord> replyTransactionsTemplate(KafkaProperties kafka,
            @Value("${afterhours.registry.url}") String registryUrl) {
        Map<String, Object> config = ProducerSettings.from(kafka.buildProducerProperties()).durable().build();
        config.putAll(RegistrySerdes.config(RegistrySerdes.coreApi(registryUrl)));
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, AvroKafkaSerializer.class);
        DefaultKafkaProducerFactory<String, SpecificRecord> factory = new DefaultKafkaProducerFactory<>(config);
        factory.setTransactionIdPrefix("afterhours-notifier-replies-" + UUID.randomUUID() + "-");
        return new KafkaTemplate<>(factory);
    }

    /** Dead-letters records that could not even be decoded, as the original bytes. */
    @Bean
    KafkaTemplate<String, byte[]> bytesKafkaTemplate(KafkaProperties kafka) {
        Map<String, Object> config = ProducerSettings.from(kafka.buildProducerProperties()).durable().build();
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(config));
    }

    @Bean
    ConsumerFactory<String, Object> consumerFactory(KafkaProperties kafka, @Value("${afterhours.registry.url}") String registryUrl) {
        Map<String, Object> config = ConsumerSettings.from(kafka.buildConsumerProperties()).readCommitted()
                .quickTakeover().build();
        config.putAll(RegistrySerdes.config(RegistrySerdes.coreApi(registryUrl)));
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        // A record the Avro deserializer chokes on becomes a DeserializationException for the error handler (retried
        // while the registry is unreachable, else parked in the dead-letter topic), instead of failing the poll forever.
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ErrorHandlingDeserializer.class);
        config.put(ErrorHandlingDeserializer.VALUE_DESERIALIZER_CLASS, AvroKafkaDeserializer.class.getName());
        return new DefaultKafkaConsumerFactory<>(config);
    }

    @Bean
    DefaultErrorHandler kafkaErrorHandler(KafkaTemplate<String, SpecificRecord> avroKafkaTemplate,
            KafkaTemplate<String, byte[]> bytesKafkaTemplate, MeterRegistry registry) {
        Map<Class<?>, KafkaOperations<?, ?>> templates = new LinkedHashMap<>();
        templates.put(byte[].class, bytesKafkaTemplate);
        templates.put(SpecificRecord.class, avroKafkaTemplate);
        // afterhours_notifier_dead_letters_total{topic}: the AfterhoursDeadLetters alert watches it; it exists at zero
        // for the topics the notifier consumes, so the alert and panels see 0 rather than nothing.
        for (Topic<String, ?> consumed : List.of(Topics.ESCALATIONS, Topics.SLA_EVENTS, Topics.AUTO_REPLIES,
                Topics.REPLIES)) {
            deadLetters(registry, consumed.name());
        }
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(templates,
                (record, exception) -> {
                    log.error("Parking {}-{}@{} in the dead-letter topic: {}", record.topic(), record.partition(),
                            record.offset(), exception.toString());
                    deadLetters(registry, record.topic()).increment();
                    return new TopicPartition(deadLetterTopicOf(record.topic()), -1);
                });
        return errorHandler(recoverer, transientBackOff());
    }

    /**
     * A failing record is retried 4 times (0.5 s, doubling), then parked, never dropped. A record that cannot be
     * decoded only because the registry is unreachable is retried with {@code whileTransient} (in service:
     * {@link #transientBackOff()}) for as long as that lasts, holding its partition (spring-kafka would park every {@code DeserializationException} at once);
     * one that can never be decoded (not the wire format, an unknown schema id, corrupt Avro) is parked at once.
     */
    static DefaultErrorHandler errorHandler(ConsumerRecordRecoverer recoverer, BackOff whileTransient) {
        ExponentialBackOff backOff = new ExponentialBackOff(500, 2.0);
        backOff.setMaxAttempts(4);
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, backOff);
        handler.removeClassification(DeserializationException.class);
        handler.setBackOffFunction((record, exception) -> DecodeFailures.isTransient(exception) ? whileTransient
                : undecodable(exception) ? new FixedBackOff(0, 0) : null);
        return handler;
    }

    /** 1 s between attempts, doubling, at most 30 s, without end: the registry is waited for. */
    static BackOff transientBackOff() {
        ExponentialBackOff backOff = new ExponentialBackOff(1_000, 2.0);
        backOff.setMaxInterval(30_000);
        return backOff;
    }

    private static boolean undecodable(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof DeserializationException) {
                return true;
            }
        }
        return false;
    }

    private static Counter deadLetters(MeterRegistry registry, String topic) {
        return Counter.builder("afterhours.notifier.dead.letters")
                .description("Records parked on a dead-letter topic, by the topic they came from")
                .tag("topic", topic).register(registry);
    }

    static String deadLetterTopicOf(String topic) {
        return Topics.ALL.stream().filter(t -> t.name().equals(topic)).findFirst()
                .map(Topic::deadLetterTopic).orElse(topic + ".dlt");
    }

    @Bean
    PartitionOwnership partitionOwnership() {
        return new PartitionOwnership();
    }

    @Bean
    ConcurrentKafkaListenerContainerFactory<String, Object> kafkaListenerContainerFactory(
            ConsumerFactory<String, Object> consumerFactory, DefaultErrorHandler kafkaErrorHandler,
            PartitionOwnership ownership, TopicFollower<NotificationEvent> notificationsFollower) {
        // Commit after each record: everything it caused is already durable by then (see NotificationRecorder).
        ConcurrentKafkaListenerContainerFactory<String, Object> factory = recordAtATime(consumerFactory, kafkaErrorHandler);
        factory.getContainerProperties().setConsumerRebalanceListener(new ConsumerAwareRebalanceListener() {
            @Override
            public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
                Map<String, Integer> counts = new HashMap<>();
                partitions.forEach(p -> counts.computeIfAbsent(p.topic(), t -> consumer.partitionsFor(t).size()));
                ownership.assigned(partitions, counts);
                awaitFollower(consumer, notificationsFollower);
            }

            @Override
            public void onPartitionsRevokedAfterCommit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
                ownership.revoked(partitions);
            }

            @Override
            public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
                ownership.revoked(partitions);
            }
        });
        return factory;
    }

    /**
     * The acknowledgement listener's own container: the same consumer settings (read_committed, manual commit per
     * record, dead-lettering), but after a rebalance it waits for the record of sent acknowledgements instead.
     */
    @Bean
    ConcurrentKafkaListenerContainerFactory<String, Object> acknowledgementListenerContainerFactory(
            ConsumerFactory<String, Object> consumerFactory, DefaultErrorHandler kafkaErrorHandler,
            TopicFollower<AutoReplyRecorded> acknowledgementsFollower) {
        // Commit after each record: its outcome is on the outcomes topic by then (see AcknowledgementSender).
        return awaitingLedger(consumerFactory, kafkaErrorHandler, acknowledgementsFollower);
    }

    /** The staff replies' own container, as the acknowledgements': after a rebalance it waits for the record of sent replies. */
    @Bean
    ConcurrentKafkaListenerContainerFactory<String, Object> replyListenerContainerFactory(
            ConsumerFactory<String, Object> consumerFactory, DefaultErrorHandler kafkaErrorHandler,
            TopicFollower<ReplyRecorded> repliesFollower) {
        // Commit after each record: its outcome is on the replies topic by then (see ReplySender).
        return awaitingLedger(consumerFactory, kafkaErrorHandler, repliesFollower);
    }

    /** A container for once-only sends: after a rebalance it waits until the follower of their ledger is at the end. */
    private static ConcurrentKafkaListenerContainerFactory<String, Object> awaitingLedger(
            ConsumerFactory<String, Object> consumerFactory, DefaultErrorHandler errorHandler, TopicFollower<?> ledger) {
        ConcurrentKafkaListenerContainerFactory<String, Object> factory = recordAtATime(consumerFactory, errorHandler);
        factory.getContainerProperties().setConsumerRebalanceListener(new ConsumerAwareRebalanceListener() {
            @Override
            public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
                awaitFollower(consumer, ledger);
            }
        });
        return factory;
    }

    /** Our consumer settings (read_committed, no auto-commit), dead-lettering, and a commit after each record. */
    private static ConcurrentKafkaListenerContainerFactory<String, Object> recordAtATime(
            ConsumerFactory<String, Object> consumerFactory, DefaultErrorHandler errorHandler) {
        ConcurrentKafkaListenerContainerFactory<String, Object> factory = new ConcurrentKafkaListenerContainerFactory<>();
        factory.setConsumerFactory(consumerFactory);
        factory.setCommonErrorHandler(errorHandler);
        factory.getContainerProperties().setAckMode(ContainerProperties.AckMode.RECORD);
        return factory;
    }

    /**
     * Partitions taken over from another instance may hold records it handled just before it let go (a page, an
     * acknowledgement). Waiting until our follower has read its topic up to the current end means what it sent is
     * in our ledger before we process anything.
     */
    private static void awaitFollower(Consumer<?, ?> consumer, TopicFollower<?> follower) {
        List<TopicPartition> partitions = consumer.partitionsFor(follower.topicName()).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        try {
            if (!follower.awaitPositions(ends, Duration.ofSeconds(30))) {
                log.warn("The follower of {} did not catch up within 30s after a rebalance; duplicates are possible",
                        follower.topicName());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Bean(destroyMethod = "close")
    TopicFollower<NotificationEvent> notificationsFollower(TopicsReady topics, KafkaConnection kafka,
            @Value("${afterhours.registry.url}") String registryUrl, NotifierProperties properties,
            NotificationLedger ledger, Clock clock) {
        return TopicFollower.start(kafka, registryUrl, Topics.NOTIFICATIONS,
                properties.ledgerWindow(), clock, ledger::apply);
    }

    @Bean(destroyMethod = "close")
    TopicFollower<CrmNoteAdded> crmNotesFollower(TopicsReady topics, KafkaConnection kafka,
            @Value("${afterhours.registry.url}") String registryUrl, CrmNotes crmNotes, Clock clock) {
        // From the beginning: an old note can be exactly the context the person on call needs.
        return TopicFollower.start(kafka, registryUrl, Topics.CRM_NOTES,
                null, clock, crmNotes::add);
    }

    @Bean(destroyMethod = "close")
    TopicFollower<AutoReplyRecorded> acknowledgementsFollower(TopicsReady topics, KafkaConnection kafka,
            @Value("${afterhours.registry.url}") String registryUrl, AcknowledgementLedger ledger, Clock clock) {
        // From the beginning of the compacted topic: a request is never sent twice, however late it comes back.
        return TopicFollower.start(kafka, registryUrl, Topics.AUTO_REPLY_OUTCOMES,
                null, clock, ledger::apply);
    }

    @Bean(destroyMethod = "close")
    TopicFollower<ReplyRecorded> repliesFollower(TopicsReady topics, KafkaConnection kafka,
            @Value("${afterhours.registry.url}") String registryUrl, ReplyLedger ledger, Clock clock) {
        // From the beginning of the compacted topic: a reply is never sent twice, however late it comes back.
        return TopicFollower.start(kafka, registryUrl, Topics.NOTIFIER_REPLIES, null, clock, ledger::apply);
    }

    /** The follower meters for the notifications, CRM notes, acknowledgements and replies followers (see {@link FollowerMeters}). */
    @Bean
    MeterBinder topicFollowerMeters(TopicFollower<NotificationEvent> notificationsFollower,
            TopicFollower<CrmNoteAdded> crmNotesFollower, TopicFollower<AutoReplyRecorded> acknowledgementsFollower,
            TopicFollower<ReplyRecorded> repliesFollower) {
        return new FollowerMeters(notificationsFollower.status(), crmNotesFollower.status(),
                acknowledgementsFollower.status(), repliesFollower.status());
    }
}
