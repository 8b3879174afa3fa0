package dev.afterhours.classifier.triage.kafka;

import dev.afterhours.classifier.triage.ClassificationMetrics;
import dev.afterhours.classifier.triage.ClientDirectory;
import dev.afterhours.classifier.triage.MessageTriage;
import dev.afterhours.contracts.ClientProfile;
import dev.afterhours.contracts.Direction;
import dev.afterhours.contracts.EmergencyEscalations;
import dev.afterhours.contracts.EscalationRequested;
import dev.afterhours.contracts.MessageClassified;
import dev.afterhours.contracts.MessageReceived;
import dev.afterhours.contracts.Topics;
import dev.afterhours.contracts.Urgency;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The emergency fast lane: a consumer of its own, on a thread of its own, that skims the received topic ahead of
 * the transactional pipeline and pages at once on what is plainly an emergency (an emergency line, the client's
 * emergency phrases, anything the classifier tags EMERGENCY), so a 911 never waits behind a backlog of routine
 * messages in the classifier or the scheduler. Skimming costs one classification and no transaction per message,
 * far less than the pipeline's work, so the lane stays near the head of the topic even in a flood. The words it
 * judged (the expensive part of a classification) are left in {@code WordsVerdicts} for the pipeline, which then
 * only adds the contact history: a message is not classified twice over.
 *
 * <p>It only asks the classifier (it never records contact history) and never writes the classified topic: the
 * pipeline still classifies every message exactly once and the scheduler still starts its SLA and requests the
 * same escalation. Both use {@link EmergencyEscalations#escalationId}, so the notifier pages once, whichever comes
 * first. The lane commits its offsets after its escalations are on the broker (at least once); a repeat after a
 * crash carries the same id and pages no one twice. Messages older than {@code maxAge} are left to the pipeline, so
 * a lane that starts after an outage does not page history.
 */
final class EmergencyFastLane implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(EmergencyFastLane.class);

    private final Supplier<Consumer<String, Object>> consumers;
    private final Producer<String, Object> producer;
    private final MessageTriage triage;
    private final ClientDirectory directory;
    private final ClassificationMetrics metrics;
    private final Clock clock;
    private final Duration maxAge;
    private volatile boolean running = true;
    private volatile boolean positioned;
    /** Positions changed since the last commit (a new assignment); touched only by the lane's thread. */
    private boolean uncommitted;
    private volatile @Nullable Consumer<String, Object> consumer;

    EmergencyFastLane(Supplier<Consumer<String, Object>> consumers, Producer<String, Object> producer,
            MessageTriage triage, ClientDirectory directory, ClassificationMetrics metrics, Clock clock,
            Duration maxAge) {
        this.consumers = consumers;
        this.producer = producer;
        this.triage = triage;
        this.directory = directory;
        this.metrics = metrics;
        this.clock = clock;
        this.maxAge = maxAge;
    }

    @Override
    public void run() {
        Duration pause = Duration.ofSeconds(1);
        while (running) {
            try (Consumer<String, Object> lane = consumers.get()) {
                consumer = lane;
                lane.subscribe(List.of(Topics.MESSAGES_RECEIVED.name()), new ConsumerRebalanceListener() {
                    @Override
                    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                        positioned = false;
                    }

                    @Override
                    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                        // Resolve "latest" now, so whatever arrives from here on is skimmed.
                        partitions.forEach(lane::position);
                        positioned = true;
                        uncommitted = true;
                    }
                });
                while (running) {
                    ConsumerRecords<String, Object> records = lane.poll(Duration.ofMillis(200));
                    skim(records);
                    // Commit only when the positions moved (records read, or partitions newly assigned): an idle
                    // lane used to commit five times a second, a broker round trip each, for nothing.
                    if (uncommitted || !records.isEmpty()) {
                        lane.commitSync();
                        uncommitted = false;
                    }
                    pause = Duration.ofSeconds(1);
                }
            } catch (WakeupException e) {
                // stop() asked
            } catch (RuntimeException e) {
                if (!running) {
                    break;
                }
                // The pipeline still pages everything; the lane only starts again after a pause.
                log.warn("Emergency fast lane failed ({}); starting again in {}", e.toString(), pause);
                sleep(pause);
                pause = pause.multipliedBy(2).compareTo(Duration.ofSeconds(30)) > 0 ? Duration.ofSeconds(30)
                        : pause.multipliedBy(2);
            } finally {
                consumer = null;
                positioned = false;
            }
        }
    }

    /** True once the lane owns partitions and knows where it reads from: what arrives now will be skimmed. */
    boolean positioned() {
        return positioned;
    }

    /** Escalates the emergencies among {@code records}; returns once the escalations are on the broker. */
    void skim(ConsumerRecords<String, Object> records) {
        if (records.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        int escalated = 0;
        for (ConsumerRecord<String, Object> record : records) {
            EscalationRequested escalation = escalationFor(record.value(), now);
            if (escalation != null) {
                producer.send(new ProducerRecord<>(Topics.ESCALATIONS.name(), escalation.getClientId(), escalation));
                escalated++;
            }
        }
        if (escalated > 0) {
            producer.flush();
            metrics.fastLaneEscalations(escalated);
        }
    }

    /** The early escalation for one received record, or null when it is no plain emergency (or undecodable). */
    @Nullable EscalationRequested escalationFor(@Nullable Object value, Instant now) {
        if (!(value instanceof MessageReceived message) || message.getDirection() != Direction.INBOUND
                || message.getReceivedAt().isBefore(now.minus(maxAge))) {
            return null;
        }
        MessageClassified classified;
        try {
            classified = triage.classifyAhead(message, now);
        } catch (RuntimeException e) {
            return null; // the pipeline parks what cannot be classified; the lane only skips it
        }
        if (classified.getUrgency() != Urgency.EMERGENCY || !classified.getNeedsResponse()) {
            return null;
        }
        String clientName = directory.client(message.getClientId()).map(ClientProfile::getName)
                .orElse(message.getClientId());
        return EmergencyEscalations.of(message.getClientId(), clientName, message,
                withFastLaneReason(classified.getReasons()), now, null);
    }

    private static List<String> withFastLaneReason(List<String> reasons) {
        return java.util.stream.Stream.concat(reasons.stream(), java.util.stream.Stream.of(
                "paged by the emergency fast lane, ahead of the full pipeline")).toList();
    }

    void stop() {
        running = false;
        Consumer<String, Object> current = consumer;
        if (current != null) {
            current.wakeup();
        }
    }

    /** Closes the producer; after {@link #stop()} and once {@link #run()} has returned. */
    void close() {
        producer.close(Duration.ofSeconds(5));
    }

    private void sleep(Duration pause) {
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            running = false; // only stop() interrupts the lane's thread
        }
    }
}
