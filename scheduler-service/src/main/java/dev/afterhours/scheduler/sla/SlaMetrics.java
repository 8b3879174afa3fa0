package dev.afterhours.scheduler.sla;

import dev.afterhours.contracts.EscalationReason;
import dev.afterhours.contracts.Urgency;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The scheduler's meters. Counters count what the topology did; under exactly-once a transaction that is
 * aborted and retried counts twice here, while the output topics hold each event once.
 */
public final class SlaMetrics {

    private final MeterRegistry registry;
    /** Open SLAs per stream task, so a task that moves to another instance takes its count with it. */
    private final Map<String, AtomicLong> openByTask = new ConcurrentHashMap<>();
    /** Timers that failed at least alert-after times and are still retried, per stream task. */
    private final Map<String, AtomicLong> stuckByTask = new ConcurrentHashMap<>();

    public SlaMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("afterhours.scheduler.sla.open", openByTask,
                        tasks -> tasks.values().stream().mapToLong(AtomicLong::get).sum())
                .description("SLAs open on this instance (started, neither met nor breached yet)")
                .register(registry);
        Gauge.builder("afterhours.scheduler.timer.failures.pending", stuckByTask,
                        tasks -> tasks.values().stream().mapToLong(AtomicLong::get).sum())
                .description("Timers that failed at least afterhours.scheduler.timer-failure-alert-after times in a row"
                        + " and are kept and retried (their warning or breach is not published yet)")
                .register(registry);
        timerFailureCounter();
        // Register the series dashboards and alert rules query at zero, so a fresh instance exports them and
        // increase() sees the first event instead of a series appearing out of nowhere.
        for (Urgency urgency : Urgency.values()) {
            for (String type : new String[] {"started", "deferred", "warned", "warned-page", "breached", "met"}) {
                slaEventCounter(type, urgency);
            }
        }
        escalationCounter(EscalationReason.EMERGENCY);
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** A step in an SLA's life: started, deferred, warned (NOTIFY), warned-page (PAGE), breached or met. */
    public void slaEvent(String type, Urgency urgency) {
        slaEventCounter(type, urgency).increment();
    }

    public void escalation(EscalationReason reason) {
        escalationCounter(reason).increment();
    }

    private Counter slaEventCounter(String type, Urgency urgency) {
        return Counter.builder("afterhours.scheduler.sla.events")
                .description("SLA events published, by type and urgency")
                .tag("type", type).tag("urgency", urgency.name())
                .register(registry);
    }

    private Counter escalationCounter(EscalationReason reason) {
        return Counter.builder("afterhours.scheduler.escalations")
                .description("Escalations requested, by reason")
                .tag("reason", reason.name())
                .register(registry);
    }

    public void autoReply() {
        Counter.builder("afterhours.scheduler.auto.replies")
                .description("Auto-acknowledgements requested for messages that arrived outside support hours")
                .register(registry).increment();
    }

    /**
     * An auto-acknowledgement not sent: auto-submitted, bulk, suppressed or robot-sender (RFC 3834), or window (the
     * conversation or the sender had one recently).
     */
    public void autoReplySuppressed(String reason) {
        Counter.builder("afterhours.scheduler.auto.replies.suppressed")
                .description("Auto-acknowledgements not sent, by reason")
                .tag("reason", reason)
                .register(registry).increment();
    }

    /** An update asked for when an SLA was breached without an answer. */
    public void slaUpdate() {
        Counter.builder("afterhours.scheduler.sla.updates")
                .description("Updates to clients asked for when their SLA was breached without an answer")
                .register(registry)
                .increment();
    }

    /** An SLA breached without an update to the client, and why (emergency, not-answerable, window, no-calendar). */
    public void slaUpdateSkipped(String reason) {
        Counter.builder("afterhours.scheduler.sla.updates.skipped")
                .description("SLAs breached without an update to the client, by reason")
                .tag("reason", reason)
                .register(registry)
                .increment();
    }

    /** The client's own policy could not be applied; the default targets were used. */
    public void fallback(String reason) {
        Counter.builder("afterhours.scheduler.sla.fallbacks")
                .description("SLAs started on the default targets, by why the client's policy did not apply")
                .tag("reason", reason)
                .register(registry).increment();
    }

    /** What became of a classified message: sla-started, duplicate, no-response-needed, reply, ... */
    public void message(String outcome) {
        Counter.builder("afterhours.scheduler.messages")
                .description("Classified messages consumed, by outcome")
                .tag("outcome", outcome)
                .register(registry).increment();
    }

    /** How late a timer fired after its due time (tick interval, processing lag, downtime). */
    public void timerLag(Duration lag) {
        Timer.builder("afterhours.scheduler.timer.lag")
                .description("Delay between a timer's due time and its firing")
                .register(registry).record(lag.isNegative() ? Duration.ZERO : lag);
    }

    /** One failed attempt to fire a timer; the timer is kept and retried. */
    public void timerFailure() {
        timerFailureCounter().increment();
    }

    private Counter timerFailureCounter() {
        return Counter.builder("afterhours.scheduler.timer.failures")
                .description("Failed attempts to fire a timer (each is kept and retried; logged with the timer key)")
                .register(registry);
    }

    /** A record parked on the dead-letter topic; stage is deserialization or processing. */
    public void deadLetter(String stage) {
        Counter.builder("afterhours.scheduler.dead.letters")
                .description("Input records written to the dead-letter topic")
                .tag("stage", stage.toLowerCase(Locale.ROOT))
                .register(registry).increment();
    }

    /** A record could not be decoded because the registry was unreachable; the stream thread retries it. */
    public void decodeRetry() {
        Counter.builder("afterhours.scheduler.decode.retries")
                .description("Input records whose decoding failed for a transient reason (registry unreachable)")
                .register(registry).increment();
    }

    /** The open-SLA count of one stream task; registered when the task starts, dropped when it closes. */
    public AtomicLong openSlas(String taskId) {
        AtomicLong count = new AtomicLong();
        openByTask.put(taskId, count);
        return count;
    }

    /** The stuck-timer count of one stream task; registered when the task starts, dropped when it closes. */
    public AtomicLong stuckTimers(String taskId) {
        AtomicLong count = new AtomicLong();
        stuckByTask.put(taskId, count);
        return count;
    }

    public void taskClosed(String taskId) {
        openByTask.remove(taskId);
        stuckByTask.remove(taskId);
    }

    public long stuckTimers() {
        return stuckByTask.values().stream().mapToLong(AtomicLong::get).sum();
    }

    public long openSlas() {
        return openByTask.values().stream().mapToLong(AtomicLong::get).sum();
    }
}
