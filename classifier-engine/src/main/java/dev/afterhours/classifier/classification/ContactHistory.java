package dev.afterhours.classifier.classification;

import dev.afterhours.contracts.Channel;
import dev.afterhours.contracts.MessageReceived;
import dev.afterhours.contracts.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The recent inbound messages of each client, for the signals that a single message cannot give: the third call
 * in ten minutes, a voicemail right after a missed call, a reply in a conversation that is already open. Senders
 * no client matches each have a history of their own, by address: strangers are not one noisy client.
 *
 * <p>Only the pipeline records (and, after a restart, the read-back of what it classified); the preview reads, so
 * previewing a message never changes the next decision.
 * Questions are asked about a message's own arrival time and leave the message itself out, so a message
 * classified again after a crash (exactly-once redelivery) or previewed later is judged the same way.
 *
 * <p>Kept in memory, per instance. After a restart it is rebuilt from the classified topic (the last
 * {@link #RETENTION} of it) before the pipeline consumes again; every instance reads every partition, so a
 * rebalance loses nothing either.
 */
public final class ContactHistory {

    /** How long a contact is remembered: long enough for "is this conversation already open?". */
    static final Duration RETENTION = Duration.ofHours(24);
    private static final int MAX_PER_CLIENT = 500;

    private final Map<String, Deque<Contact>> byClient = new HashMap<>();

    record Contact(String messageId, Instant receivedAt, Channel channel, String from, String conversationId,
                   boolean missedCall) {
    }

    /** Remembers an inbound message a person sent (the pipeline calls this after classifying it). */
    public synchronized void record(MessageReceived message) {
        Deque<Contact> contacts = byClient.computeIfAbsent(historyOf(message), id -> new ArrayDeque<>());
        for (Contact known : contacts) {
            if (known.messageId().equals(message.getMessageId())) {
                return;
            }
        }
        contacts.addLast(new Contact(message.getMessageId(), message.getReceivedAt(), message.getChannel(),
                message.getFrom(), message.getConversationId(), isMissedCall(message)));
        Instant horizon = message.getReceivedAt().minus(RETENTION);
        while (contacts.size() > MAX_PER_CLIENT || contacts.getFirst().receivedAt().isBefore(horizon)) {
            contacts.removeFirst();
        }
    }

    /**
     * Remembers a message read back from the classified topic after a restart, if it is recent enough to matter;
     * older ones would only be evicted again.
     */
    public void recordIfRecent(MessageReceived message, Instant now) {
        if (message.getReceivedAt().isAfter(now.minus(RETENTION))) {
            record(message);
        }
    }

    /** The same client's other contacts in {@code [receivedAt - window, receivedAt]}. */
    synchronized List<Contact> before(MessageReceived message, Duration window) {
        Instant from = message.getReceivedAt().minus(window);
        return contacts(message).stream()
                .filter(c -> !c.receivedAt().isBefore(from) && !c.receivedAt().isAfter(message.getReceivedAt()))
                .toList();
    }

    /** Whether the message's conversation had an earlier message from the client. */
    synchronized boolean conversationOpenBefore(MessageReceived message) {
        return contacts(message).stream().anyMatch(c -> c.conversationId().equals(message.getConversationId())
                && c.receivedAt().isBefore(message.getReceivedAt()));
    }

    /** The latest missed call from the same sender within {@code window} before this message. */
    synchronized Optional<Contact> missedCallBefore(MessageReceived message, Duration window) {
        Optional<Contact> latest = Optional.empty();
        for (Contact c : before(message, window)) {
            if (c.missedCall() && Addresses.same(c.from(), message.getFrom())) {
                latest = Optional.of(c);
            }
        }
        return latest;
    }

    private List<Contact> contacts(MessageReceived message) {
        Deque<Contact> contacts = byClient.get(historyOf(message));
        if (contacts == null) {
            return List.of();
        }
        List<Contact> others = new ArrayList<>(contacts.size());
        for (Iterator<Contact> it = contacts.iterator(); it.hasNext(); ) {
            Contact c = it.next();
            if (!c.messageId().equals(message.getMessageId())) {
                others.add(c);
            }
        }
        return others;
    }

    /** The client's history, or for a sender no client matched, that sender's own. */
    static String historyOf(MessageReceived message) {
        return Topics.UNRESOLVED_CLIENT.equals(message.getClientId())
                ? Topics.UNRESOLVED_CLIENT + ":" + Addresses.normalise(message.getFrom())
                : message.getClientId();
    }

    /** A call with neither voicemail nor transcript. */
    static boolean isMissedCall(MessageReceived message) {
        return message.getChannel() == Channel.VOICE && message.getBody().isBlank();
    }
}
