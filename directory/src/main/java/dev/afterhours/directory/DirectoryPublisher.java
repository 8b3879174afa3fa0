package dev.afterhours.directory;

import dev.afterhours.contracts.ApiKey;
import dev.afterhours.contracts.ClientProfile;
import dev.afterhours.contracts.EscalationPolicy;
import dev.afterhours.contracts.Rotation;
import dev.afterhours.contracts.StaffMember;
import dev.afterhours.contracts.Topic;
import dev.afterhours.contracts.Topics;
import dev.afterhours.contracts.serde.RegistrySerdes;
import dev.afterhours.kafka.KafkaConnection;
import dev.afterhours.kafka.ProducerSettings;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validates directory records and writes them, durably (acks=all, idempotent), to their compacted topics. Webhook
 * URLs are judged by the validator's {@link OutboundUrlPolicy}: without one given, nothing internal is allowed.
 */
public final class DirectoryPublisher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DirectoryPublisher.class);

    private final KafkaProducer<String, SpecificRecord> producer;
    private final DirectoryValidator validator;

    /** Refuses webhook URLs to internal addresses ({@link OutboundUrlPolicy#denyInternal()}). */
    public DirectoryPublisher(String bootstrapServers, String registryBaseUrl) {
        this(bootstrapServers, registryBaseUrl, DirectoryValidator.withOutboundPolicy(OutboundUrlPolicy.denyInternal()));
    }

    /** As {@link #DirectoryPublisher(KafkaConnection, String, DirectoryValidator)} on a plaintext listener. */
    public DirectoryPublisher(String bootstrapServers, String registryBaseUrl, DirectoryValidator validator) {
        this(KafkaConnection.plaintext(bootstrapServers), registryBaseUrl, validator);
    }

    public DirectoryPublisher(KafkaConnection connection, String registryBaseUrl, DirectoryValidator validator) {
        this.validator = validator;
        Map<String, Object> config = ProducerSettings.on(connection).durable().build();
        this.producer = new KafkaProducer<>(config, new StringSerializer(),
                RegistrySerdes.valueSerializer(RegistrySerdes.coreApi(registryBaseUrl)));
    }

    /** Where a write landed: a view has applied it once {@link DirectoryView#awaitApplied} says so. */
    public record Written(TopicPartition partition, long offset) {
    }

    /**
     * Validates and publishes one record, waiting until the broker has it.
     *
     * @throws InvalidDirectoryRecordException if the record is invalid; nothing is published then
     */
    public Written publish(SpecificRecord record) {
        validator.check(record);
        return send(topicFor(record), idOf(record), record);
    }

    /** What every published record must pass. */
    public DirectoryValidator validator() {
        return validator;
    }

    /** Removes a record with a tombstone. */
    public Written delete(Topic<String, ?> topic, String id) {
        return send(topic.name(), id, null);
    }

    /**
     * Publishes the records of a seed file that the directory does not hold yet, so a restart does not undo
     * changes made since through the admin API.
     *
     * @return how many records were published
     */
    public int seedMissing(DirectorySnapshot seed, DirectoryView current) {
        int published = 0;
        for (ClientProfile client : seed.clients()) {
            if (current.client(client.getClientId()).isEmpty()) {
                publish(client);
                published++;
            }
        }
        for (StaffMember member : seed.staff()) {
            if (current.staff(member.getStaffId()).isEmpty()) {
                publish(member);
                published++;
            }
        }
        for (Rotation rotation : seed.rotations()) {
            if (current.rotation(rotation.getRotationId()).isEmpty()) {
                publish(rotation);
                published++;
            }
        }
        for (EscalationPolicy policy : seed.escalationPolicies()) {
            if (current.escalationPolicy(policy.getPolicyId()).isEmpty()) {
                publish(policy);
                published++;
            }
        }
        log.info("Directory seed: published {} records the directory did not hold", published);
        return published;
    }

    public static String idOf(SpecificRecord record) {
        return switch (record) {
            case ClientProfile client -> client.getClientId();
            case StaffMember staff -> staff.getStaffId();
            case Rotation rotation -> rotation.getRotationId();
            case EscalationPolicy policy -> policy.getPolicyId();
            case ApiKey key -> key.getKeyId();
            default -> throw new IllegalArgumentException(record.getClass().getSimpleName() + " is not a directory record");
        };
    }

    private static String topicFor(SpecificRecord record) {
        return switch (record) {
            case ClientProfile ignored -> Topics.DIRECTORY_CLIENTS.name();
            case StaffMember ignored -> Topics.DIRECTORY_STAFF.name();
            case Rotation ignored -> Topics.DIRECTORY_ROTATIONS.name();
            case EscalationPolicy ignored -> Topics.DIRECTORY_ESCALATION_POLICIES.name();
            case ApiKey ignored -> Topics.DIRECTORY_API_KEYS.name();
            default -> throw new IllegalArgumentException(record.getClass().getSimpleName() + " is not a directory record");
        };
    }

    private Written send(String topic, String key, SpecificRecord value) {
        try {
            RecordMetadata metadata = producer.send(new ProducerRecord<>(topic, key, value)).get();
            return new Written(new TopicPartition(metadata.topic(), metadata.partition()), metadata.offset());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while publishing " + key + " to " + topic, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not publish " + key + " to " + topic + ": " + e.getCause(), e.getCause());
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
