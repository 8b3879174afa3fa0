package dev.afterhours.directory;

import dev.afterhours.contracts.ApiKey;
import dev.afterhours.contracts.ClientContact;
import dev.afterhours.contracts.ClientProfile;
import dev.afterhours.contracts.EscalationPolicy;
import dev.afterhours.contracts.Rotation;
import dev.afterhours.contracts.StaffMember;
import dev.afterhours.contracts.Topic;
import dev.afterhours.contracts.Topics;
import dev.afterhours.contracts.serde.RegistrySerdes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.avro.specific.SpecificRecord;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A live, in-memory view of the four compacted directory topics. Each service instance reads them whole from the
 * beginning (no consumer group: every instance needs every record) and then follows them, so changes made
 * through the admin API reach every service within a poll, without a restart. Tombstones remove records.
 */
public final class DirectoryView implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DirectoryView.class);

    private final Map<String, ClientProfile> clients = new ConcurrentHashMap<>();
    private final Map<String, StaffMember> staff = new ConcurrentHashMap<>();
    private final Map<String, Rotation> rotations = new ConcurrentHashMap<>();
    private final Map<String, EscalationPolicy> policies = new ConcurrentHashMap<>();
    private final Map<String, ApiKey> apiKeys = new ConcurrentHashMap<>();
    /** Lower-cased email address or E.164 phone number of a client contact or emergency line -> clientId. */
    private volatile Map<String, String> clientBySender = Map.of();

    private final KafkaConsumer<String, byte[]> consumer;
    private final Deserializer<SpecificRecord> values;
    private final Thread thread;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private volatile boolean running = true;
    private volatile @Nullable Instant lastUpdate;

    private DirectoryView(String bootstrapServers, String registryBaseUrl) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "directory-view-" + UUID.randomUUID());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        this.values = RegistrySerdes.valueDeserializer(RegistrySerdes.coreApi(registryBaseUrl));
        this.thread = new Thread(this::run, "directory-view");
        this.thread.setDaemon(true);
    }

    /**
     * Starts following the directory topics (creating them if missing).
     *
     * @param registryBaseUrl e.g. {@code http://localhost:8081}
     */
    public static DirectoryView start(String bootstrapServers, String registryBaseUrl) {
        DirectoryView view = new DirectoryView(bootstrapServers, registryBaseUrl);
        view.thread.start();
        return view;
    }

    /** Waits until everything that was in the topics at start has been read. */
    public boolean awaitLoaded(Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public boolean isLoaded() {
        return caughtUp.getCount() == 0;
    }

    public Optional<ClientProfile> client(String clientId) {
        return Optional.ofNullable(clients.get(clientId));
    }

    public Optional<StaffMember> staff(String staffId) {
        return Optional.ofNullable(staff.get(staffId));
    }

    public Optional<Rotation> rotation(String rotationId) {
        return Optional.ofNullable(rotations.get(rotationId));
    }

    public Optional<EscalationPolicy> escalationPolicy(String policyId) {
        return Optional.ofNullable(policies.get(policyId));
    }

    public Collection<ClientProfile> clients() {
        return List.copyOf(clients.values());
    }

    /** An integration's API key by its id, revoked ones included (the caller checks revokedAt). */
    public Optional<ApiKey> apiKey(String keyId) {
        return Optional.ofNullable(apiKeys.get(keyId));
    }

    public Collection<ApiKey> apiKeys() {
        return List.copyOf(apiKeys.values());
    }

    public Collection<StaffMember> staffMembers() {
        return List.copyOf(staff.values());
    }

    public Collection<Rotation> rotations() {
        return List.copyOf(rotations.values());
    }

    public Collection<EscalationPolicy> escalationPolicies() {
        return List.copyOf(policies.values());
    }

    /** The client whose contact or emergency line matches a sender address (email, case-insensitive, or E.164). */
    public Optional<String> clientIdForSender(String sender) {
        return Optional.ofNullable(clientBySender.get(normalise(sender)));
    }

    /** When the view last applied a change, for readiness and metrics. */
    public Optional<Instant> lastUpdate() {
        return Optional.ofNullable(lastUpdate);
    }

    private void run() {
        try {
            List<TopicPartition> partitions = new ArrayList<>();
            for (Topic<String, ?> topic : Topics.DIRECTORY) {
                List<PartitionInfo> infos = List.of();
                while (running && infos.isEmpty()) {
                    infos = consumer.partitionsFor(topic.name(), Duration.ofSeconds(10));
                }
                infos.forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> startupEnd = consumer.endOffsets(partitions);
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    apply(record);
                }
                if (caughtUp.getCount() > 0 && startupEnd.entrySet().stream()
                        .allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                    reindexSenders();
                    caughtUp.countDown();
                    log.info("Directory loaded: {} clients, {} staff, {} rotations, {} escalation policies",
                            clients.size(), staff.size(), rotations.size(), policies.size());
                }
            }
        } catch (WakeupException stopping) {
            // close() was called
        } catch (RuntimeException e) {
            log.error("Directory view stopped", e);
        } finally {
            consumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(Duration.ofSeconds(5)));
        }
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        String key = record.key();
        if (key == null) {
            return;
        }
        SpecificRecord value;
        try {
            value = record.value() == null ? null : values.deserialize(record.topic(), record.value());
        } catch (RuntimeException e) {
            log.warn("Skipping undecodable directory record {}@{}/{}: {}", record.topic(), record.partition(), record.offset(), e.toString());
            return;
        }
        String topic = record.topic();
        if (topic.equals(Topics.DIRECTORY_CLIENTS.name())) {
            put(clients, key, (ClientProfile) value);
            if (caughtUp.getCount() == 0) {
                reindexSenders();
            }
        } else if (topic.equals(Topics.DIRECTORY_STAFF.name())) {
            put(staff, key, (StaffMember) value);
        } else if (topic.equals(Topics.DIRECTORY_ROTATIONS.name())) {
            put(rotations, key, (Rotation) value);
        } else if (topic.equals(Topics.DIRECTORY_ESCALATION_POLICIES.name())) {
            put(policies, key, (EscalationPolicy) value);
        } else if (topic.equals(Topics.DIRECTORY_API_KEYS.name())) {
            put(apiKeys, key, (ApiKey) value);
        }
        lastUpdate = Instant.now();
    }

    private static <T> void put(Map<String, T> map, String key, @Nullable T value) {
        if (value == null) {
            map.remove(key);
        } else {
            map.put(key, value);
        }
    }

    private void reindexSenders() {
        Map<String, String> index = new HashMap<>();
        for (ClientProfile client : clients.values()) {
            for (ClientContact contact : client.getContacts()) {
                if (contact.getEmail() != null) {
                    index.put(normalise(contact.getEmail()), client.getClientId());
                }
                if (contact.getPhone() != null) {
                    index.put(normalise(contact.getPhone()), client.getClientId());
                }
            }
            for (String line : client.getEmergencyLines()) {
                index.put(normalise(line), client.getClientId());
            }
        }
        clientBySender = Map.copyOf(index);
    }

    /** Emails compare case-insensitively; phone numbers without spaces, dashes or brackets. */
    public static String normalise(String address) {
        String trimmed = address.trim().toLowerCase(Locale.ROOT);
        int angle = trimmed.indexOf('<');
        if (angle >= 0 && trimmed.endsWith(">")) {
            trimmed = trimmed.substring(angle + 1, trimmed.length() - 1).trim();
        }
        if (trimmed.startsWith("+") || trimmed.matches("[0-9 ()\\-.]+")) {
            return trimmed.replaceAll("[ ()\\-.]", "");
        }
        return trimmed;
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        values.close();
    }
}
