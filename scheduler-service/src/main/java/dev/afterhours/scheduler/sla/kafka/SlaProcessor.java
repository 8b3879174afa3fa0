package dev.afterhours.scheduler.sla.kafka;

import dev.afterhours.contracts.AutoReplyKind;
import dev.afterhours.contracts.AutoReplyRequested;
import dev.afterhours.contracts.ClientProfile;
import dev.afterhours.contracts.Direction;
import dev.afterhours.contracts.EmergencyEscalations;
import dev.afterhours.contracts.EscalationReason;
import dev.afterhours.contracts.EscalationRequested;
import dev.afterhours.contracts.MessageClassified;
import dev.afterhours.contracts.MessageReceived;
import dev.afterhours.contracts.SlaBreached;
import dev.afterhours.contracts.SlaDeferred;
import dev.afterhours.contracts.SlaEvent;
import dev.afterhours.contracts.SlaMet;
import dev.afterhours.contracts.SlaStarted;
import dev.afterhours.contracts.SlaWarned;
import dev.afterhours.contracts.SlaWarningLevel;
import dev.afterhours.contracts.Urgency;
import dev.afterhours.scheduler.sla.AcknowledgementPolicy;
import dev.afterhours.scheduler.sla.ClientLookup;
import dev.afterhours.scheduler.sla.ClientTexts;
import dev.afterhours.scheduler.sla.ReplyTo;
import dev.afterhours.scheduler.sla.SlaMetrics;
import dev.afterhours.scheduler.sla.SlaPlan;
import dev.afterhours.scheduler.sla.SlaPlanner;
import dev.afterhours.scheduler.sla.SlaState;
import dev.afterhours.scheduler.sla.SlaState.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SLA clock of one stream task (one partition of clients).
 *
 * <p>An inbound message that needs an answer opens an SLA: its state goes to {@link SlaTopology#STATE_STORE}, its
 * warning and breach times to the time-ordered {@link SlaTopology#TIMER_STORE}, and the conversation index
 * {@link SlaTopology#CONVERSATION_STORE} lets a staff reply find it. A wall-clock punctuator scans the timer
 * index for what is due. All three stores are changelogged and written in the same exactly-once transaction as
 * the events, so an event is published if and only if its timer is gone: a restarted or rebalanced task resumes
 * its timers and fires none twice.
 */
final class SlaProcessor implements Processor<String, MessageClassified, String, SpecificRecord> {

    private static final Logger log = LoggerFactory.getLogger(SlaProcessor.class);

    /** Timers fired per punctuation at most; the rest follow at the next tick, so a backlog cannot stall a task. */
    static final int MAX_TIMERS_PER_TICK = 1_000;

    /** How often acknowledgements older than the window are forgotten. */
    static final Duration ACK_SWEEP = Duration.ofMinutes(10);

    private final SlaPlanner planner;
    private final ClientLookup clients;
    private final Duration tick;
    private final Duration closedRetention;
    private final SlaMetrics metrics;
    private final TimerRetry retry;
    private final AcknowledgementPolicy acknowledgements;

    private @Nullable ProcessorContext<String, SpecificRecord> context;
    private @Nullable KeyValueStore<String, SlaState> states;
    private @Nullable KeyValueStore<String, String> timers;
    private @Nullable KeyValueStore<String, String> conversations;
    private @Nullable KeyValueStore<String, String> retries;
    private @Nullable KeyValueStore<String, String> acknowledged;
    private @Nullable AtomicLong open;
    private @Nullable AtomicLong stuck;
    private String taskId = "";

    SlaProcessor(SlaPlanner planner, ClientLookup clients, Duration tick, Duration closedRetention, SlaMetrics metrics,
            TimerRetry retry, AcknowledgementPolicy acknowledgements) {
        this.planner = planner;
        this.clients = clients;
        this.tick = tick;
        this.closedRetention = closedRetention;
        this.metrics = metrics;
        this.retry = retry;
        this.acknowledgements = acknowledgements;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.states = context.getStateStore(SlaTopology.STATE_STORE);
        this.timers = context.getStateStore(SlaTopology.TIMER_STORE);
        this.conversations = context.getStateStore(SlaTopology.CONVERSATION_STORE);
        this.retries = context.getStateStore(SlaTopology.TIMER_RETRY_STORE);
        this.acknowledged = context.getStateStore(SlaTopology.ACK_STORE);
        this.taskId = context.taskId().toString();
        // init runs after the stores are restored, so this counts what the task resumes with.
        long resumed = 0;
        try (KeyValueIterator<String, String> all = conversations.all()) {
            while (all.hasNext()) {
                all.next();
                resumed++;
            }
        }
        this.open = metrics.openSlas(taskId);
        open.set(resumed);
        if (resumed > 0) {
            log.info("Task {} resumes {} open SLAs", taskId, resumed);
        }
        long failing = 0;
        long stuckNow = 0;
        try (KeyValueIterator<String, String> all = retries.all()) {
            while (all.hasNext()) {
                failing++;
                if (TimerRetry.Failures.decode(all.next().value).count() >= retry.alertAfter()) {
                    stuckNow++;
                }
            }
        }
        this.stuck = metrics.stuckTimers(taskId);
        stuck.set(stuckNow);
        if (failing > 0) {
            log.warn("Task {} resumes {} failing timers ({} failed at least {} times)", taskId, failing, stuckNow,
                    retry.alertAfter());
        }
        context.schedule(tick, PunctuationType.WALL_CLOCK_TIME, this::fireDueTimers);
        context.schedule(ACK_SWEEP, PunctuationType.WALL_CLOCK_TIME, this::forgetOldAcknowledgements);
    }

    @Override
    public void close() {
        metrics.taskClosed(taskId);
    }

    @Override
    public void process(Record<String, MessageClassified> record) {
        MessageClassified classified = record.value();
        if (classified == null) {
            // Thrown, not skipped: the processing exception handler parks it on the dead-letter topic.
            throw new IllegalArgumentException("classified message without a value (key " + record.key() + ")");
        }
        Instant now = now();
        MessageReceived message = classified.getMessage();
        if (message.getDirection() == Direction.OUTBOUND) {
            onReply(classified, now);
        } else if (!classified.getNeedsResponse()) {
            metrics.message("no-response-needed");
        } else if (classified.getAutoReply()) {
            metrics.message("auto-reply");
        } else {
            onInbound(classified, now);
        }
    }

    private void onInbound(MessageClassified classified, Instant now) {
        String slaId = classified.getMessageId();
        SlaState existing = states().get(slaId);
        if (existing != null) {
            // A re-delivered or re-classified message: the SLA it started (open or recently closed) stands.
            log.debug("SLA {} already {}; ignoring message again", slaId, existing.status());
            metrics.message("duplicate");
            return;
        }
        Optional<ClientProfile> client = clients.client(classified.getClientId());
        SlaPlan plan = planner.plan(classified, client, client.flatMap(clients::responsibleHours));
        if (plan.fallbackReason() != null) {
            log.warn("SLA {} of client {} uses the default {} target {} on the CALENDAR clock: {}", slaId,
                    classified.getClientId(), classified.getUrgency(), plan.target(), plan.fallbackReason());
            metrics.fallback(plan.fallbackReason());
        }
        MessageReceived message = classified.getMessage();
        SlaState state = new SlaState(slaId, classified.getClientId(), classified.getConversationId(),
                classified.getMessageId(), classified.getUrgency(), plan.clock(), plan.target().toString(),
                plan.receivedAt().toEpochMilli(), plan.dueAt().toEpochMilli(),
                plan.warnAt() == null ? null : plan.warnAt().toEpochMilli(), Status.OPEN, null,
                plan.warnAt() == null ? null : plan.warnAtPercent(),
                plan.pageAt() == null ? null : plan.pageAt().toEpochMilli(),
                plan.pageAt() == null ? null : plan.pageAtPercent(),
                // Where an update goes if the SLA is breached: never for an emergency (the escalation chain has it),
                // nor to a message RFC 3834 says no automatic response may answer.
                classified.getUrgency() != Urgency.EMERGENCY && AcknowledgementPolicy.neverAnswer(message) == null
                        ? ReplyTo.of(message) : null);
        states().put(slaId, state);
        conversations().put(conversationKey(state), slaId);
        timers().put(TimerKey.of(plan.dueAt(), TimerKey.Kind.BREACH, slaId).encode(), slaId);
        if (plan.warnAt() != null) {
            timers().put(TimerKey.of(plan.warnAt(), TimerKey.Kind.WARN, slaId).encode(), slaId);
        }
        if (plan.pageAt() != null) {
            timers().put(TimerKey.of(plan.pageAt(), TimerKey.Kind.PAGE, slaId).encode(), slaId);
        }
        openCount().incrementAndGet();
        metrics.message("sla-started");

        emit(state, "started", now, SlaStarted.newBuilder()
                .setReceivedAt(plan.receivedAt())
                .setClock(plan.clock())
                .setTarget(plan.target().toString())
                .setDueAt(plan.dueAt())
                .build());
        log.info("SLA {} started for client {}: {} {} on the {} clock, due {}", slaId, state.clientId(),
                state.urgency(), plan.target(), plan.clock(), plan.dueAt());

        if (classified.getUrgency() == Urgency.EMERGENCY) {
            String clientName = client.map(ClientProfile::getName).orElse(classified.getClientId());
            EscalationRequested escalation = EmergencyEscalations.of(state.clientId(), clientName, message,
                    classified.getReasons(), now, plan.dueAt());
            forward(state.clientId(), escalation, now);
            metrics.escalation(EscalationReason.EMERGENCY);
            log.info("SLA {}: EMERGENCY for client {}, escalation requested", slaId, state.clientId());
        } else if (plan.deferredUntil() != null && plan.zone() != null) {
            emit(state, "deferred", now, SlaDeferred.newBuilder()
                    .setUntil(plan.deferredUntil())
                    .setAfterHoursStatus(classified.getAfterHoursStatus())
                    .build());
            acknowledge(classified, state, plan, now);
        }
    }

    /**
     * Asks for the acknowledgement that tells the client when the answer will come, unless RFC 3834 forbids
     * answering this message or its conversation or sender already had one within the window.
     */
    private void acknowledge(MessageClassified classified, SlaState state, SlaPlan plan, Instant now) {
        MessageReceived message = classified.getMessage();
        String never = AcknowledgementPolicy.neverAnswer(message);
        String conversationKey = "c|" + state.conversationId();
        String senderKey = "s|" + message.getFrom().trim().toLowerCase(java.util.Locale.ROOT);
        if (never != null) {
            metrics.autoReplySuppressed(never);
            return;
        }
        if (acknowledgedSince(conversationKey, now) || acknowledgedSince(senderKey, now)) {
            metrics.autoReplySuppressed("window");
            return;
        }
        ClientTexts.Language language = ClientTexts.Language.of(
                clients.client(state.clientId()).map(ClientProfile::getLanguage).orElse(null));
        AutoReplyRequested ack = request(state, ReplyTo.of(message), language)
                .setRequestId(classified.getMessageId() + ":ack")
                .setExpectedAnswerBy(plan.dueAt())
                .setText(ClientTexts.acknowledgement(language, java.util.Objects.requireNonNull(plan.zone()), plan.receivedAt(),
                        java.util.Objects.requireNonNull(plan.deferredUntil()), plan.dueAt()))
                .setRequestedAt(now)
                .setKind(AutoReplyKind.ACKNOWLEDGEMENT)
                .build();
        forward(state.clientId(), ack, now);
        String at = Long.toString(now.toEpochMilli());
        acknowledged().put(conversationKey, at);
        acknowledged().put(senderKey, at);
        metrics.autoReply();
    }

    /**
     * A request to write to the client about this SLA's message, addressed as the message came in: an e-mail says
     * "Re: &lt;subject&gt;" and is threaded with the message, a text leaves from the number the client texted, a Slack
     * message joins the thread.
     */
    private static AutoReplyRequested.Builder request(SlaState state, ReplyTo replyTo, ClientTexts.Language language) {
        return AutoReplyRequested.newBuilder()
                .setClientId(state.clientId())
                .setConversationId(state.conversationId())
                .setMessageId(state.messageId())
                .setChannel(replyTo.channel())
                .setTo(replyTo.to())
                .setSubject(replyTo.subject())
                .setInReplyTo(replyTo.inReplyTo())
                .setVia(replyTo.via())
                .setThread(replyTo.thread())
                .setLanguage(language.tag());
    }

    /**
     * Asks for the update a client is owed when the SLA of its message is breached without an answer: not answered
     * yet, and the new time ({@link SlaPlanner#renewal}). Once per SLA (its timer is deleted in the transaction that
     * publishes it) and at most once per conversation within the acknowledgement window, so five messages of one
     * night breaching together make one update; none for an emergency, a message no automatic response may answer,
     * or a client whose calendar is unknown now.
     */
    private void requestUpdate(SlaState state, Instant now) {
        ReplyTo replyTo = state.replyTo();
        if (replyTo == null) {
            metrics.slaUpdateSkipped(state.urgency() == Urgency.EMERGENCY ? "emergency" : "not-answerable");
            return;
        }
        String conversationKey = "u|" + state.conversationId();
        if (acknowledgedSince(conversationKey, now)) {
            metrics.slaUpdateSkipped("window");
            return;
        }
        Optional<ClientProfile> client = clients.client(state.clientId());
        SlaPlanner.Renewal renewal = SlaPlanner.renewal(state, client, now).orElse(null);
        if (renewal == null) {
            metrics.slaUpdateSkipped("no-calendar");
            return;
        }
        ClientTexts.Language language = ClientTexts.Language.of(client.map(ClientProfile::getLanguage).orElse(null));
        AutoReplyRequested update = request(state, replyTo, language)
                .setRequestId(state.slaId() + ":update")
                .setExpectedAnswerBy(renewal.answerBy())
                .setText(ClientTexts.update(language, renewal.zone(), now, renewal.answerBy()))
                .setRequestedAt(now)
                .setKind(AutoReplyKind.SLA_UPDATE)
                .build();
        forward(state.clientId(), update, now);
        acknowledged().put(conversationKey, Long.toString(now.toEpochMilli()));
        metrics.slaUpdate();
        log.info("SLA {} of client {}: the client is told to expect an answer by {}", state.slaId(), state.clientId(),
                renewal.answerBy());
    }

    private boolean acknowledgedSince(String key, Instant now) {
        String last = acknowledged().get(key);
        return last != null && Long.parseLong(last) > now.minus(acknowledgements.window()).toEpochMilli();
    }

    /** Drops acknowledgements older than the window: they no longer hold anything back. */
    private void forgetOldAcknowledgements(long timestamp) {
        long horizon = timestamp - acknowledgements.window().toMillis();
        List<String> old = new ArrayList<>();
        try (KeyValueIterator<String, String> all = acknowledged().all()) {
            while (all.hasNext()) {
                KeyValue<String, String> entry = all.next();
                if (Long.parseLong(entry.value) <= horizon) {
                    old.add(entry.key);
                }
            }
        }
        old.forEach(acknowledged()::delete);
    }

    /** A staff reply answers every SLA still open in its conversation. */
    private void onReply(MessageClassified reply, Instant now) {
        if (reply.getAutoReply()) {
            // Our own acknowledgements and other automatic outbound mail are no answer.
            metrics.message("outbound-auto-reply");
            return;
        }
        metrics.message("reply");
        Instant respondedAt = reply.getMessage().getReceivedAt();
        String conversationId = reply.getConversationId();
        List<String> slaIds = new ArrayList<>();
        try (KeyValueIterator<String, String> matches =
                     conversations().prefixScan(conversationId + "|", new StringSerializer())) {
            matches.forEachRemaining(kv -> slaIds.add(kv.value));
        }
        for (String slaId : slaIds) {
            SlaState state = states().get(slaId);
            if (state == null || !state.open() || !state.conversationId().equals(conversationId)) {
                continue; // the prefix also matches conversations whose id merely starts with this one
            }
            if (respondedAt.isBefore(state.receivedAtInstant())) {
                continue; // written before the client's message arrived: not an answer to it
            }
            if (respondedAt.isBefore(state.dueAtInstant())) {
                close(state, Status.MET, now);
                emit(state, "met", now, SlaMet.newBuilder()
                        .setDueAt(state.dueAtInstant())
                        .setRespondedAt(respondedAt)
                        .setResponseMessageId(reply.getMessageId())
                        .build());
                log.info("SLA {} met by reply {} at {} (due {})", slaId, reply.getMessageId(), respondedAt,
                        state.dueAtInstant());
            } else {
                // The answer came too late and the breach timer has not fired yet: the breach is the fact. The
                // client has its answer now, so it is told nothing more.
                breach(state, now, false);
            }
        }
    }

    private void fireDueTimers(long timestamp) {
        Instant now = Instant.ofEpochMilli(timestamp);
        List<KeyValue<String, String>> due = new ArrayList<>();
        int scanned = 0;
        try (KeyValueIterator<String, String> scan = timers().range(TimerKey.lowest(), TimerKey.dueBy(timestamp))) {
            // Timers waiting out a backoff are passed over; a bounded scan keeps many of them from stalling a tick.
            while (scan.hasNext() && due.size() < MAX_TIMERS_PER_TICK && scanned++ < 10 * MAX_TIMERS_PER_TICK) {
                KeyValue<String, String> entry = scan.next();
                String failures = retries().get(entry.key);
                if (failures == null || TimerRetry.Failures.decode(failures).nextAttemptAt() <= timestamp) {
                    due.add(entry);
                }
            }
        }
        for (KeyValue<String, String> entry : due) {
            try {
                // fire() publishes before it changes any store, so a failure leaves the timer as it was.
                fire(TimerKey.decode(entry.key), now);
                timers().delete(entry.key);
                clearFailures(entry.key);
            } catch (RuntimeException e) {
                // One bad timer must not block the others; it stays in the index, retried after a backoff, so the
                // warning or breach it stands for is not lost.
                failed(entry.key, e, now);
            }
        }
    }

    private void failed(String timerKey, RuntimeException e, Instant now) {
        String previous = retries().get(timerKey);
        int count = previous == null ? 1 : TimerRetry.Failures.decode(previous).count() + 1;
        Duration wait = retry.backoff(count);
        retries().put(timerKey, new TimerRetry.Failures(count, now.plus(wait).toEpochMilli()).encode());
        metrics.timerFailure();
        if (count == retry.alertAfter()) {
            stuckCount().incrementAndGet();
        }
        if (count >= retry.alertAfter()) {
            log.error("Timer {} failed {} times (alert from {}); kept, next attempt in {}", timerKey, count,
                    retry.alertAfter(), wait, e);
        } else {
            log.warn("Timer {} failed (attempt {}); kept, next attempt in {}: {}", timerKey, count, wait, e.toString());
        }
    }

    private void clearFailures(String timerKey) {
        String previous = retries().get(timerKey);
        if (previous != null) {
            retries().delete(timerKey);
            int count = TimerRetry.Failures.decode(previous).count();
            if (count >= retry.alertAfter()) {
                stuckCount().decrementAndGet();
            }
            log.info("Timer {} fired after {} failed attempts", timerKey, count);
        }
    }

    private void fire(TimerKey timer, Instant now) {
        SlaState state = states().get(timer.slaId());
        if (state == null) {
            return;
        }
        switch (timer.kind()) {
            case WARN -> {
                Instant dueAt = state.dueAtInstant();
                // Late enough that the breach is due too (e.g. after downtime): the breach alone says it. Late enough
                // that the page is due too: the page says it, louder.
                boolean pageDue = state.pageAt() != null && !now.isBefore(Instant.ofEpochMilli(state.pageAt()));
                if (state.open() && now.isBefore(dueAt) && !pageDue) {
                    metrics.timerLag(Duration.between(timer.instant(), now));
                    warn(state, "warned", SlaWarningLevel.NOTIFY, state.warnAtPercent(), now);
                }
            }
            case PAGE -> {
                if (state.open() && now.isBefore(state.dueAtInstant())) {
                    metrics.timerLag(Duration.between(timer.instant(), now));
                    warn(state, "warned-page", SlaWarningLevel.PAGE, state.pageAtPercent(), now);
                }
            }
            case BREACH -> {
                if (state.open()) {
                    metrics.timerLag(Duration.between(timer.instant(), now));
                    breach(state, now, true);
                }
            }
            case PURGE -> {
                if (!state.open()) {
                    states().delete(state.slaId());
                }
            }
        }
    }

    /**
     * One threshold of an SLA, once: {@code <slaId>:warned} at warnAtPercent (NOTIFY), {@code <slaId>:warned-page} at
     * pageAtPercent (PAGE). Each has its own timer, deleted in the transaction that publishes it.
     */
    private void warn(SlaState state, String step, SlaWarningLevel level, @Nullable Integer percent, Instant now) {
        Instant dueAt = state.dueAtInstant();
        emit(state, step, now, SlaWarned.newBuilder()
                .setDueAt(dueAt)
                .setRemaining(Duration.between(now, dueAt).withNanos(0).toString())
                .setPercent(percent == null ? 0 : percent)
                .setLevel(level)
                .build());
        log.info("SLA {} of client {} warned ({} at {}%): due {}", state.slaId(), state.clientId(), level,
                percent, dueAt);
    }

    /** @param updateClient whether the client is owed an update: not when the breach is a late staff reply */
    private void breach(SlaState state, Instant now, boolean updateClient) {
        // Published before the stores change: if publishing fails (e.g. the registry is down while serializing),
        // the SLA is still open and its breach timer is retried, instead of a closed SLA without its breach.
        emit(state, "breached", now, SlaBreached.newBuilder().setDueAt(state.dueAtInstant()).build());
        if (updateClient) {
            requestUpdate(state, now);
        }
        close(state, Status.BREACHED, now);
        log.warn("SLA {} of client {} breached: {} {} was due {}", state.slaId(), state.clientId(), state.urgency(),
                state.target(), state.dueAtInstant());
    }

    private void close(SlaState state, Status how, Instant now) {
        states().put(state.slaId(), state.closed(how, now));
        conversations().delete(conversationKey(state));
        String breachKey = TimerKey.of(state.dueAtInstant(), TimerKey.Kind.BREACH, state.slaId()).encode();
        timers().delete(breachKey);
        clearFailures(breachKey);
        if (state.warnAt() != null) {
            String warnKey = new TimerKey(state.warnAt(), TimerKey.Kind.WARN, state.slaId()).encode();
            timers().delete(warnKey);
            clearFailures(warnKey);
        }
        if (state.pageAt() != null) {
            String pageKey = new TimerKey(state.pageAt(), TimerKey.Kind.PAGE, state.slaId()).encode();
            timers().delete(pageKey);
            clearFailures(pageKey);
        }
        timers().put(TimerKey.of(now.plus(closedRetention), TimerKey.Kind.PURGE, state.slaId()).encode(), state.slaId());
        openCount().decrementAndGet();
    }

    /** Publishes one SLA step; its id, slaId:step, lets consumers drop a duplicate. */
    private void emit(SlaState state, String step, Instant now, Object payload) {
        SlaEvent event = SlaEvent.newBuilder()
                .setEventId(state.slaId() + ":" + step)
                .setSlaId(state.slaId())
                .setClientId(state.clientId())
                .setConversationId(state.conversationId())
                .setUrgency(state.urgency())
                .setOccurredAt(now)
                .setPayload(payload)
                .build();
        forward(state.clientId(), event, now);
        metrics.slaEvent(step, state.urgency());
    }

    private void forward(String clientId, SpecificRecord value, Instant now) {
        context().forward(new Record<>(clientId, value, now.toEpochMilli()));
    }

    private static String conversationKey(SlaState state) {
        return state.conversationId() + "|" + state.slaId();
    }

    private Instant now() {
        return Instant.ofEpochMilli(context().currentSystemTimeMs());
    }

    private ProcessorContext<String, SpecificRecord> context() {
        return java.util.Objects.requireNonNull(context, "not initialised");
    }

    private KeyValueStore<String, SlaState> states() {
        return java.util.Objects.requireNonNull(states, "not initialised");
    }

    private KeyValueStore<String, String> timers() {
        return java.util.Objects.requireNonNull(timers, "not initialised");
    }

    private KeyValueStore<String, String> conversations() {
        return java.util.Objects.requireNonNull(conversations, "not initialised");
    }

    private KeyValueStore<String, String> retries() {
        return java.util.Objects.requireNonNull(retries, "not initialised");
    }

    private KeyValueStore<String, String> acknowledged() {
        return java.util.Objects.requireNonNull(acknowledged, "not initialised");
    }

    private AtomicLong stuckCount() {
        return java.util.Objects.requireNonNull(stuck, "not initialised");
    }

    private AtomicLong openCount() {
        return java.util.Objects.requireNonNull(open, "not initialised");
    }
}
