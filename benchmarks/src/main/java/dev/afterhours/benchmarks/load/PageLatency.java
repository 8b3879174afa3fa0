package dev.afterhours.benchmarks.load;

import dev.afterhours.contracts.EscalationRequested;
import dev.afterhours.contracts.NotificationDelivered;
import dev.afterhours.contracts.NotificationEvent;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Recorder;

/**
 * Accept-to-paged latency of this run's emergencies, from the timestamps the system itself records: the message's
 * {@code receivedAt} (ingest accepted it) carried on the escalation, and the {@code occurredAt} of the first
 * {@code NotificationDelivered} for that escalation (the page was handed to its channel). Counts pages delivered
 * twice for one dedup key too: there must be none.
 */
final class PageLatency {

    private final String runPrefix;
    private final Recorder latencies = new Recorder(3);
    private final Map<String, Long> acceptedAtByEscalation = new ConcurrentHashMap<>();
    private final Map<String, Long> pagedAtByEscalation = new ConcurrentHashMap<>();
    private final Map<String, Boolean> deliveredKeys = new ConcurrentHashMap<>();
    private final AtomicLong duplicatePages = new AtomicLong();
    private final AtomicLong escalations = new AtomicLong();
    private final AtomicLong paged = new AtomicLong();
    /** Which stage asked first for each escalation: ingest's early page, the fast lane or the pipeline. */
    private final Map<String, AtomicLong> firstAskedBy = new ConcurrentHashMap<>();

    PageLatency(String runPrefix) {
        this.runPrefix = runPrefix;
    }

    Recorder recorder() {
        return latencies;
    }

    long escalations() {
        return escalations.get();
    }

    long paged() {
        return paged.get();
    }

    long duplicatePages() {
        return duplicatePages.get();
    }

    /** How many escalations each stage asked for first, e.g. {@code {ingest=300, fast-lane=12}}. */
    Map<String, Long> firstAskedBy() {
        Map<String, Long> counts = new java.util.TreeMap<>();
        firstAskedBy.forEach((stage, count) -> counts.put(stage, count.get()));
        return counts;
    }

    void onEscalation(Object value) {
        if (!(value instanceof EscalationRequested escalation) || escalation.getMessage() == null
                || !escalation.getMessage().getProviderMessageId().startsWith(runPrefix)) {
            return;
        }
        long acceptedAt = escalation.getMessage().getReceivedAt().toEpochMilli();
        if (acceptedAtByEscalation.putIfAbsent(escalation.getEscalationId(), acceptedAt) == null) {
            escalations.incrementAndGet();
            firstAskedBy.computeIfAbsent(askedBy(escalation), stage -> new AtomicLong()).incrementAndGet();
            Long pagedAt = pagedAtByEscalation.get(escalation.getEscalationId());
            if (pagedAt != null) {
                record(pagedAt - acceptedAt);
            }
        }
    }

    void onNotification(Object value) {
        if (!(value instanceof NotificationEvent event) || !(event.getPayload() instanceof NotificationDelivered)) {
            return;
        }
        String key = event.getDedupKey() != null ? event.getDedupKey() : event.getNotificationId();
        if (deliveredKeys.putIfAbsent(key, true) != null) {
            duplicatePages.incrementAndGet();
        }
        long pagedAt = event.getOccurredAt().toEpochMilli();
        if (pagedAtByEscalation.putIfAbsent(event.getEscalationId(), pagedAt) == null) {
            Long acceptedAt = acceptedAtByEscalation.get(event.getEscalationId());
            if (acceptedAt != null) {
                record(pagedAt - acceptedAt);
            }
        }
    }

    /** The stage that wrote this escalation, told by the reason each one appends. */
    private static String askedBy(EscalationRequested escalation) {
        for (String reason : escalation.getReasons()) {
            if (reason.startsWith("paged by ingest")) {
                return "ingest";
            }
            if (reason.startsWith("paged by the emergency fast lane")) {
                return "fast-lane";
            }
        }
        return "pipeline";
    }

    private void record(long millis) {
        paged.incrementAndGet();
        latencies.recordValue(Math.max(0, millis) * 1_000); // microseconds
    }
}
