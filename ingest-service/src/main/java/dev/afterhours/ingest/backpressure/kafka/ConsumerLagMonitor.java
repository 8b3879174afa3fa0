package dev.afterhours.ingest.backpressure.kafka;

import dev.afterhours.ingest.backpressure.BacklogGate;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads, every {@code refreshInterval} on its own thread, how far each configured consumer group is behind: the end
 * offsets of the partitions it has committed offsets on minus those offsets. Exports the sum per group and topic as
 * {@code afterhours.pipeline.consumer.lag} and hands the gate group's lag on the gated topic to the
 * {@link BacklogGate}. Never called on a request's path.
 *
 * <p>The gate group's backlog counts every partition of the topic: one it has not committed on yet counts from the
 * log start (what a new consumer reading from the earliest offset has ahead of it). A group with no committed offset
 * on the topic at all (not started yet, or a wrong name) gives no backlog: the gate refuses nothing, and this is
 * logged, as is any failure to read. Only groups that exist show a gauge.
 */
public final class ConsumerLagMonitor implements AutoCloseable {

    public static final String METRIC = "afterhours.pipeline.consumer.lag";

    private static final Logger log = LoggerFactory.getLogger(ConsumerLagMonitor.class);

    private record GroupTopic(String group, String topic) {
    }

    private final Admin admin;
    private final String gatedTopic;
    private final String gateGroup;
    private final Set<String> groups;
    private final BacklogGate gate;
    private final MeterRegistry meters;
    private final Duration timeout;
    private final LongSupplier nanoTime;
    private final Map<GroupTopic, AtomicLong> lags = new ConcurrentHashMap<>();
    private final Map<GroupTopic, Gauge> gauges = new ConcurrentHashMap<>();
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread t = new Thread(runnable, "consumer-lag-monitor");
        t.setDaemon(true);
        return t;
    });
    private String problem = ""; // the last trouble logged, so a lasting one is logged once (monitor thread only)

    /**
     * @param admin      closed by {@link #close()}
     * @param gateGroup  the group whose lag on {@code gatedTopic} is the backlog
     * @param lagGroups  the groups exported as gauges (the gate group is read in any case)
     */
    public ConsumerLagMonitor(Admin admin, String gatedTopic, String gateGroup, List<String> lagGroups,
            BacklogGate gate, MeterRegistry meters, Duration refreshInterval, LongSupplier nanoTime) {
        this.admin = admin;
        this.gatedTopic = gatedTopic;
        this.gateGroup = gateGroup;
        this.groups = new LinkedHashSet<>(lagGroups);
        this.gate = gate;
        this.meters = meters;
        // Each admin call may take three refresh intervals, and at least 5 s, before the read counts as failed.
        this.timeout = refreshInterval.multipliedBy(3).compareTo(Duration.ofSeconds(5)) > 0
                ? refreshInterval.multipliedBy(3) : Duration.ofSeconds(5);
        this.nanoTime = nanoTime;
        this.thread.scheduleWithFixedDelay(this::refresh, 0, refreshInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** How long a reading stays usable: a few failed or slow reads in a row, and the gate stops acting on it. */
    public static Duration staleAfter(Duration refreshInterval) {
        return refreshInterval.multipliedBy(3).plusSeconds(10);
    }

    void refresh() {
        String trouble;
        try {
            trouble = read();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            gate.unknown();
            publish(Map.of()); // no gauge rather than a stale one
            trouble = "cannot read consumer lag: "
                    + (e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e);
        }
        if (!trouble.equals(problem)) {
            if (trouble.isEmpty()) {
                log.info("Backpressure applies: the lag of {} on {} is readable", gateGroup, gatedTopic);
            } else {
                log.warn("Backpressure refuses nothing until this changes: {}", trouble);
            }
            problem = trouble;
        }
    }

    /** Reads and publishes; what keeps the gate from acting, or "" when nothing does. */
    private String read() throws InterruptedException, ExecutionException, TimeoutException {
        Set<String> wanted = new LinkedHashSet<>(groups);
        wanted.add(gateGroup);
        Map<String, ListConsumerGroupOffsetsSpec> specs = new HashMap<>();
        wanted.forEach(group -> specs.put(group, new ListConsumerGroupOffsetsSpec()));
        Map<String, Map<TopicPartition, OffsetAndMetadata>> committed =
                admin.listConsumerGroupOffsets(specs).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);

        Map<TopicPartition, OffsetAndMetadata> gateCommitted = committed.getOrDefault(gateGroup, Map.of());
        boolean gateStarted = gateCommitted.keySet().stream().anyMatch(p -> p.topic().equals(gatedTopic));
        Set<TopicPartition> gatedPartitions = new HashSet<>();
        if (gateStarted) {
            TopicDescription topic = admin.describeTopics(List.of(gatedTopic)).allTopicNames()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS).get(gatedTopic);
            topic.partitions().forEach(p -> gatedPartitions.add(new TopicPartition(gatedTopic, p.partition())));
        }

        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        committed.values().forEach(offsets -> offsets.keySet().forEach(p -> latest.put(p, OffsetSpec.latest())));
        gatedPartitions.forEach(p -> latest.put(p, OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResultInfo> ends = latest.isEmpty() ? Map.of()
                : admin.listOffsets(latest).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        Map<TopicPartition, OffsetSpec> uncommitted = new HashMap<>();
        gatedPartitions.stream().filter(p -> offset(gateCommitted.get(p)) < 0)
                .forEach(p -> uncommitted.put(p, OffsetSpec.earliest()));
        Map<TopicPartition, ListOffsetsResultInfo> starts = uncommitted.isEmpty() ? Map.of()
                : admin.listOffsets(uncommitted).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);

        Map<GroupTopic, Long> now = new HashMap<>();
        for (String group : groups) {
            committed.getOrDefault(group, Map.of()).forEach((partition, offset) -> {
                ListOffsetsResultInfo end = ends.get(partition);
                if (end != null && offset(offset) >= 0) {
                    now.merge(new GroupTopic(group, partition.topic()), Math.max(0, end.offset() - offset(offset)),
                            Long::sum);
                }
            });
        }
        publish(now);

        if (!gateStarted) {
            gate.unknown();
            return "consumer group " + gateGroup + " has no committed offset on " + gatedTopic + " (not started yet, "
                    + "or afterhours.ingest.backpressure.group names another group)";
        }
        long backlog = 0;
        long consumed = 0;
        for (TopicPartition partition : gatedPartitions) {
            long position = offset(gateCommitted.get(partition));
            if (position < 0) {
                position = starts.get(partition).offset();
            }
            backlog += Math.max(0, ends.get(partition).offset() - position);
            consumed += position;
        }
        gate.observe(backlog, consumed, nanoTime.getAsLong());
        return "";
    }

    private static long offset(@Nullable OffsetAndMetadata offset) {
        return offset == null ? -1 : offset.offset();
    }

    /** One gauge per group and topic read this time; those no longer read (a group deleted) are removed. */
    private void publish(Map<GroupTopic, Long> now) {
        now.forEach((key, lag) -> lags.computeIfAbsent(key, k -> {
            AtomicLong value = new AtomicLong();
            gauges.put(k, Gauge.builder(METRIC, value, AtomicLong::get)
                    .description("Messages a consumer group has still to consume on a topic (end offsets minus "
                            + "its committed offsets), read by ingest")
                    .tags(Tags.of("group", k.group(), "topic", k.topic()))
                    .register(meters));
            return value;
        }).set(lag));
        for (GroupTopic gone : Set.copyOf(lags.keySet())) {
            if (!now.containsKey(gone)) {
                lags.remove(gone);
                Gauge gauge = gauges.remove(gone);
                if (gauge != null) {
                    meters.remove(gauge);
                }
            }
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        admin.close(Duration.ofSeconds(5));
    }
}
