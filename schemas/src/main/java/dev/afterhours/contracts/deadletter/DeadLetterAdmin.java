package dev.afterhours.contracts.deadletter;

import dev.afterhours.contracts.deadletter.DeadLetterException.Kind;
import dev.afterhours.kafka.ConsumerSettings;
import dev.afterhours.kafka.KafkaConnection;
import dev.afterhours.kafka.ProducerSettings;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jspecify.annotations.Nullable;

/**
 * Lists the records on a service's dead-letter topics and replays one, exactly once.
 *
 * <p>A replay republishes the parked record's original key and value bytes (and its own headers, without the
 * dead-letter reason) to its original topic and partition, with {@value #REPLAYED_FROM_HEADER} =
 * {@code <dlt>:<partition>:<offset>}, and in the same Kafka transaction appends a <em>replay marker</em> to the
 * dead-letter partition: a record without a value whose header {@value #REPLAY_OF_HEADER} holds the replayed
 * offset. A record whose marker exists (read committed) is not replayed again. The transactional id is derived
 * from the dead-letter coordinates, so two replays of the same record racing on two instances fence each other:
 * one commits, the other fails, and a retry of it finds the marker.
 */
public final class DeadLetterAdmin {

    /** On a replayed record: the dead-letter coordinates it came back from. */
    public static final String REPLAYED_FROM_HEADER = "afterhours.replayed-from";
    /** On a replay marker in the dead-letter topic: the offset of the record that was replayed. */
    public static final String REPLAY_OF_HEADER = "afterhours.replay-of";
    public static final int MAX_LIMIT = 500;

    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final KafkaConnection connection;
    private final Set<String> deadLetterTopics;
    private final String transactionalIdPrefix;

    /** As {@link #DeadLetterAdmin(KafkaConnection, Set, String)} on a plaintext listener (the local stack, tests). */
    public DeadLetterAdmin(String bootstrapServers, Set<String> deadLetterTopics, String transactionalIdPrefix) {
        this(KafkaConnection.plaintext(bootstrapServers), deadLetterTopics, transactionalIdPrefix);
    }

    /**
     * @param connection            the cluster, with the security settings its clients need
     * @param deadLetterTopics      the dead-letter topics this service owns; others are refused
     * @param transactionalIdPrefix e.g. the service name; the replay's coordinates are appended
     */
    public DeadLetterAdmin(KafkaConnection connection, Set<String> deadLetterTopics, String transactionalIdPrefix) {
        this.connection = connection;
        this.deadLetterTopics = Set.copyOf(deadLetterTopics);
        this.transactionalIdPrefix = transactionalIdPrefix;
    }

    public Set<String> topics() {
        return deadLetterTopics;
    }

    /** The newest {@code limit} dead letters of the topic (markers left out), newest first. */
    public List<DeadLetter> list(String topic, int limit) {
        requireOwned(topic);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new DeadLetterException(Kind.INVALID, "limit", "must be between 1 and " + MAX_LIMIT + ", was " + limit);
        }
        List<DeadLetter> letters = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            for (TopicPartition partition : partitions(consumer, topic)) {
                long end = consumer.endOffsets(List.of(partition), TIMEOUT).get(partition);
                long begin = consumer.beginningOffsets(List.of(partition), TIMEOUT).get(partition);
                Map<Long, ConsumerRecord<byte[], byte[]>> records = new HashMap<>();
                List<Long> replayed = new ArrayList<>();
                read(consumer, partition, Math.max(begin, end - limit), end, record -> {
                    Long of = replayOf(record);
                    if (of == null) {
                        records.put(record.offset(), record);
                    } else {
                        replayed.add(of);
                    }
                    return true;
                });
                records.values().forEach(r -> letters.add(letter(r, replayed.contains(r.offset()))));
            }
        }
        letters.sort(Comparator.comparing(DeadLetter::timestamp).thenComparing(DeadLetter::offset).reversed());
        return letters.size() > limit ? List.copyOf(letters.subList(0, limit)) : letters;
    }

    /**
     * Republishes one dead letter to its original topic, exactly once.
     *
     * @return where the replayed record went
     * @throws DeadLetterException NOT_FOUND (no such record), ALREADY_REPLAYED, NOT_REPLAYABLE (no original topic)
     */
    public synchronized Replayed replay(String topic, int partition, long offset) {
        requireOwned(topic);
        if (offset < 0) {
            throw new DeadLetterException(Kind.INVALID, "offset", "must not be negative, was " + offset);
        }
        Map<String, Object> config = ProducerSettings.on(connection)
                .transactional(transactionalIdPrefix + "-replay-" + topic + "-" + partition + "-" + offset).build();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer();
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(),
                     new ByteArraySerializer())) {
            TopicPartition dlt = partitions(consumer, topic).stream().filter(p -> p.partition() == partition).findFirst()
                    .orElseThrow(() -> new DeadLetterException(Kind.INVALID, "partition", "topic " + topic
                            + " has no partition " + partition));
            // Fences an earlier producer with the same id (a replay of the same record elsewhere) before we look.
            producer.initTransactions();
            long end = consumer.endOffsets(List.of(dlt), TIMEOUT).get(dlt);
            long begin = consumer.beginningOffsets(List.of(dlt), TIMEOUT).get(dlt);
            if (offset < begin || offset >= end) {
                throw new DeadLetterException(Kind.NOT_FOUND, "offset", "no dead letter at " + topic + "-" + partition
                        + "@" + offset + " (offsets " + begin + " to " + (end - 1) + ")");
            }
            List<ConsumerRecord<byte[], byte[]>> found = new ArrayList<>();
            boolean[] marked = {false};
            read(consumer, dlt, offset, end, record -> {
                if (record.offset() == offset) {
                    found.add(record);
                } else if (Long.valueOf(offset).equals(replayOf(record))) {
                    marked[0] = true;
                    return false;
                }
                return true;
            });
            if (found.isEmpty() || replayOf(found.getFirst()) != null) {
                throw new DeadLetterException(Kind.NOT_FOUND, "offset", "no dead letter at " + topic + "-" + partition
                        + "@" + offset);
            }
            if (marked[0]) {
                throw new DeadLetterException(Kind.ALREADY_REPLAYED, "offset", topic + "-" + partition + "@" + offset
                        + " has already been replayed");
            }
            ConsumerRecord<byte[], byte[]> letter = found.getFirst();
            DeadLetter.Reason reason = reason(letter.headers());
            if (reason.originalTopic() == null) {
                throw new DeadLetterException(Kind.NOT_REPLAYABLE, "offset", topic + "-" + partition + "@" + offset
                        + " names no original topic");
            }
            Headers headers = new RecordHeaders();
            for (Header header : letter.headers()) {
                if (!header.key().startsWith("kafka_dlt-") && !header.key().startsWith("__streams.errors.")) {
                    headers.add(header);
                }
            }
            String coordinates = topic + ":" + partition + ":" + offset;
            headers.add(REPLAYED_FROM_HEADER, coordinates.getBytes(StandardCharsets.UTF_8));
            Integer originalPartition = reason.originalPartition();
            producer.beginTransaction();
            var sent = producer.send(new ProducerRecord<>(reason.originalTopic(),
                    originalPartition != null && originalPartition >= 0 ? originalPartition : null, letter.key(),
                    letter.value(), headers));
            RecordHeaders marker = new RecordHeaders();
            marker.add(REPLAY_OF_HEADER, Long.toString(offset).getBytes(StandardCharsets.UTF_8));
            producer.send(new ProducerRecord<>(topic, partition, letter.key(), null, marker));
            producer.commitTransaction();
            RecordMetadata metadata = sent.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return new Replayed(coordinates, metadata.topic(), metadata.partition(), metadata.offset());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while replaying", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not replay " + topic + "-" + partition + "@" + offset + ": " + e, e);
        }
    }

    /** Where a replayed record went. */
    public record Replayed(String from, String topic, int partition, long offset) {
    }

    private void requireOwned(String topic) {
        if (!deadLetterTopics.contains(topic)) {
            throw new DeadLetterException(Kind.INVALID, "topic", "'" + topic + "' is not a dead-letter topic of this "
                    + "service; known: " + deadLetterTopics.stream().sorted().toList());
        }
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        Map<String, Object> config = ConsumerSettings.on(connection).readCommitted().build();
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer, String topic) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, TIMEOUT);
        return infos.stream().map(p -> new TopicPartition(topic, p.partition()))
                .sorted(Comparator.comparingInt(TopicPartition::partition)).toList();
    }

    private interface Visitor {
        /** @return false to stop reading */
        boolean visit(ConsumerRecord<byte[], byte[]> record);
    }

    /** Reads {@code [from, end)} of one partition (read committed; aborted records and markers of transactions skipped). */
    private static void read(KafkaConsumer<byte[], byte[]> consumer, TopicPartition partition, long from, long end,
            Visitor visitor) {
        if (from >= end) {
            return;
        }
        consumer.assign(List.of(partition));
        consumer.seek(partition, from);
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (consumer.position(partition, TIMEOUT) < end) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out reading " + partition);
            }
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200)).records(partition)) {
                if (record.offset() >= end) {
                    return;
                }
                if (!visitor.visit(record)) {
                    return;
                }
            }
        }
    }

    private static @Nullable Long replayOf(ConsumerRecord<byte[], byte[]> record) {
        Header header = record.headers().lastHeader(REPLAY_OF_HEADER);
        return header == null ? null : Long.valueOf(new String(header.value(), StandardCharsets.UTF_8));
    }

    private static DeadLetter letter(ConsumerRecord<byte[], byte[]> record, boolean replayed) {
        return new DeadLetter(record.topic(), record.partition(), record.offset(),
                Instant.ofEpochMilli(record.timestamp()),
                record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8),
                record.value() == null ? 0 : record.value().length, reason(record.headers()), replayed);
    }

    static DeadLetter.Reason reason(Headers headers) {
        if (headers.lastHeader("kafka_dlt-original-topic") != null || headers.lastHeader("kafka_dlt-exception-fqcn") != null) {
            // spring-kafka writes partition and offset as big-endian binary numbers.
            return new DeadLetter.Reason(text(headers, "kafka_dlt-exception-fqcn"),
                    text(headers, "kafka_dlt-exception-message"), text(headers, "kafka_dlt-original-topic"),
                    binaryInt(headers, "kafka_dlt-original-partition"), binaryLong(headers, "kafka_dlt-original-offset"));
        }
        String partition = text(headers, "__streams.errors.partition");
        String offset = text(headers, "__streams.errors.offset");
        return new DeadLetter.Reason(text(headers, "__streams.errors.exception"), text(headers, "__streams.errors.message"),
                text(headers, "__streams.errors.topic"), partition == null ? null : Integer.valueOf(partition.trim()),
                offset == null ? null : Long.valueOf(offset.trim()));
    }

    private static @Nullable String text(Headers headers, String key) {
        Header header = headers.lastHeader(key);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static @Nullable Integer binaryInt(Headers headers, String key) {
        Header header = headers.lastHeader(key);
        return header == null || header.value() == null || header.value().length != 4 ? null
                : ByteBuffer.wrap(header.value()).getInt();
    }

    private static @Nullable Long binaryLong(Headers headers, String key) {
        Header header = headers.lastHeader(key);
        return header == null || header.value() == null || header.value().length != 8 ? null
                : ByteBuffer.wrap(header.value()).getLong();
    }
}
