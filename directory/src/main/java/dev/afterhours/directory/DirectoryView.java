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
import dev.afterhours.directory.follow.FollowerStatus;
import dev.afterhours.directory.follow.TopicFollower;
import dev.afterhours.kafka.KafkaConnection;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A live, in-memory view of the four compacted directory topics. Each service instance reads them whole from the
 * beginning (no consumer group: every instance needs every record) and then follows them, so changes made
 * through the admin API reach every service within a poll, without a restart. Tombstones remove records.
 *
 * <p>The reading is a {@link TopicFollower}: after an error it restarts (with backoff) where it stopped, and
 * {@link #isCaughtUp()} is false until it has caught up again; services report readiness by it.
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

    private final TopicFollower<SpecificRecord> follower;
    /** Set on the follower's thread when it first catches up; from then on every client change reindexes senders. */
    private volatile boolean loaded;
    private volatile @Nullable Instant lastUpdate;

    private DirectoryView(Supplier<? extends Consumer<String, byte[]>> consumers, String registryBaseUrl,
            Duration initialBackoff) {
        this.follower = TopicFollower.<SpecificRecord>builder("directory",
                        RegistrySerdes.valueDeserializer(RegistrySerdes.coreApi(registryBaseUrl)))
                .topics(Topics.DIRECTORY.stream().map(Topic::name).toList())
                .consumers(consumers)
                .backoff(initialBackoff, Duration.ofSeconds(30))
                .onRecord(this::apply)
                .onCaughtUp(this::caughtUp)
                .start();
    }

    /**
     * Starts following the directory topics (waiting for them to exist).
     *
     * @param registryBaseUrl e.g. {@code http://localhost:8081}
     */
    public static DirectoryView start(KafkaConnection connection, String registryBaseUrl) {
        return new DirectoryView(TopicFollower.consumers(connection, "directory-view"), registryBaseUrl,
                Duration.ofSeconds(1));
    }

    /** As {@link #start(KafkaConnection, String)} on a plaintext listener (the local stack, tests). */
    public static DirectoryView start(String bootstrapServers, String registryBaseUrl) {
        return start(KafkaConnection.plaintext(bootstrapServers), registryBaseUrl);
    }

    /** As {@link #start(KafkaConnection, String)}, with the consumers (for tests that make one fail) and first backoff given. */
    public static DirectoryView start(Supplier<? extends Consumer<String, byte[]>> consumers, String registryBaseUrl,
            Duration initialBackoff) {
        return new DirectoryView(consumers, registryBaseUrl, initialBackoff);
    }

    /**
     * Waits until everything that was in the topics at start has been read (once: after a restart the view keeps
     * what it had, so this does not wait again).
     */
    public boolean awaitLoaded(Duration timeout) throws InterruptedException {
        return follower.awaitCaughtUpOnce(timeout);
    }

    /**
     * Waits up to {@code timeout} until this view has applied a write (and everything before it on its
     * partition): read-your-writes for an admin API answering after its own change. True if it has.
     */
    public boolean awaitApplied(DirectoryPublisher.Written written, Duration timeout) throws InterruptedException {
        return follower.awaitPositions(Map.of(written.partition(), written.offset() + 1), timeout);
    }

    /** True once the topics have been read to their end; stays true through a restart (the view keeps its data). */
    public boolean isLoaded() {
        return follower.hasCaughtUpOnce();
    }

    /**
     * True while the view is current: loaded, and not restarting after an error. Readiness goes by this: while it is
     * false, changes made through the admin API may not have reached this instance.
     */
    public boolean isCaughtUp() {
        return follower.isCaughtUp();
    }

    /** The follower's state (caught up, restarts, last error) for health details and metrics. */
    public FollowerStatus status() {
        return follower;
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

    private void caughtUp() {
        reindexSenders();
        loaded = true;
        log.info("Directory loaded: {} clients, {} staff, {} rotations, {} escalation policies",
                clients.size(), staff.size(), rotations.size(), policies.size());
    }

    /** Applies one record (a tombstone removes); undecodable records were logged and skipped by the follower. */
    private void apply(ConsumerRecord<String, byte[]> record, @Nullable SpecificRecord value) {
        String key = record.key();
        if (key == null) {
            return;
        }
        String topic = record.topic();
        if (topic.equals(Topics.DIRECTORY_CLIENTS.name())) {
            put(clients, key, (ClientProfile) value);
            if (loaded) {
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
        follower.close();
    }
}
