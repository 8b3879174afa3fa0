package dev.afterhours.ingest.message;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jspecify.annotations.Nullable;

/**
 * What ingest knows about recently received messages, for idempotency and threading: (provider, provider message
 * id) to the ids it was given, provider message ids to their conversation, (client, counterpart) to the most
 * recent conversation between them, (client, counterpart, email topic) to the most recent one on that topic, and
 * each conversation to the route back to its client ({@link ReplyRoute}: how its latest inbound message came in).
 * Fed from the received topic (rebuilt at startup, then followed) and by this instance right after each publish. Thread-safe; holds only what falls inside the windows (see {@link #evict}).
 */
public final class ReceivedIndex {

    /** The idempotency key: a provider retry repeats both. */
    public record DedupKey(String provider, String providerMessageId) {
    }

    /** The ids a message was given when it was first accepted. */
    public record Accepted(String messageId, String clientId, String conversationId, Instant receivedAt) {
    }

    /** A conversation as last seen at {@code at}. */
    public record ConversationRef(String conversationId, String clientId, Instant at) {
    }

    /**
     * One received message, as the index needs it.
     *
     * @param topic the normalised subject of an email ({@link Subjects#topic}), or null: what the subject rule of
     *              threading matches on
     */
    public record Entry(String provider, String providerMessageId, String messageId, String clientId,
                        String conversationId, String counterpart, Instant receivedAt, @Nullable String topic) {

        /** A message without a topic (not an email, or no subject). */
        public Entry(String provider, String providerMessageId, String messageId, String clientId,
                String conversationId, String counterpart, Instant receivedAt) {
            this(provider, providerMessageId, messageId, clientId, conversationId, counterpart, receivedAt, null);
        }
    }

    private record CounterpartKey(String clientId, String address) {
    }

    private record TopicKey(String clientId, String address, String topic) {
    }

    private final ConcurrentMap<DedupKey, Accepted> accepted = new ConcurrentHashMap<>();
    /** Keys: provider + NUL + reference (exact), and NUL + reference (any provider). */
    private final ConcurrentMap<String, ConversationRef> byReference = new ConcurrentHashMap<>();
    private final ConcurrentMap<CounterpartKey, ConversationRef> latestByCounterpart = new ConcurrentHashMap<>();
    private final ConcurrentMap<TopicKey, ConversationRef> latestByTopic = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, ReplyRoute> routeByConversation = new ConcurrentHashMap<>();
    /** Identities of messages that belong to no client, by kind and identity: the latest sighting of each. */
    private final ConcurrentMap<String, UnresolvedIdentity> unresolved = new ConcurrentHashMap<>();

    /** Adds a received message. Idempotent; the first entry for a dedup key keeps its ids, as the topic's first record does. */
    public void add(Entry entry) {
        accepted.putIfAbsent(new DedupKey(entry.provider(), entry.providerMessageId()),
                new Accepted(entry.messageId(), entry.clientId(), entry.conversationId(), entry.receivedAt()));
        ConversationRef ref = new ConversationRef(entry.conversationId(), entry.clientId(), entry.receivedAt());
        String reference = Addresses.messageRef(entry.providerMessageId());
        byReference.merge(entry.provider() + '\0' + reference, ref, ReceivedIndex::later);
        byReference.merge('\0' + reference, ref, ReceivedIndex::later);
        latestByCounterpart.merge(new CounterpartKey(entry.clientId(), Addresses.normalise(entry.counterpart())), ref,
                ReceivedIndex::later);
        if (entry.topic() != null) {
            latestByTopic.merge(new TopicKey(entry.clientId(), Addresses.normalise(entry.counterpart()), entry.topic()),
                    ref, ReceivedIndex::later);
        }
        UnresolvedIdentity.of(entry).ifPresent(identity -> unresolved.merge(identity.kind() + "\0" + identity.identity(),
                identity, (a, b) -> b.lastSeen().isAfter(a.lastSeen()) ? b : a));
    }

    /** Remembers how a conversation's client wrote, if this inbound message is its latest. Idempotent. */
    public void addRoute(ReplyRoute route) {
        routeByConversation.merge(route.conversationId(), route,
                (existing, candidate) -> candidate.at().isAfter(existing.at()) ? candidate : existing);
    }

    /** How the latest inbound message of a conversation came in, within the conversation window; empty if none did. */
    public Optional<ReplyRoute> replyRoute(String conversationId) {
        return Optional.ofNullable(routeByConversation.get(conversationId));
    }

    /** The identities that recent messages belonging to no client came from, the most recently seen first. */
    public List<UnresolvedIdentity> unresolvedIdentities() {
        return unresolved.values().stream()
                .sorted(Comparator.comparing(UnresolvedIdentity::lastSeen).reversed()
                        .thenComparing(UnresolvedIdentity::identity))
                .toList();
    }

    public Optional<Accepted> find(DedupKey key) {
        return Optional.ofNullable(accepted.get(key));
    }

    /** The conversation of the message a reply refers to, preferring the same provider's message of that id. */
    public Optional<ConversationRef> conversationOf(String provider, String reference) {
        String normal = Addresses.messageRef(reference);
        ConversationRef exact = byReference.get(provider + '\0' + normal);
        return Optional.ofNullable(exact != null ? exact : byReference.get('\0' + normal));
    }

    /** The most recent conversation between a client and an external address. */
    public Optional<ConversationRef> latestConversation(String clientId, String counterpart) {
        return Optional.ofNullable(latestByCounterpart.get(new CounterpartKey(clientId, Addresses.normalise(counterpart))));
    }

    /** The most recent conversation between a client and an external address about this topic (normalised subject). */
    public Optional<ConversationRef> latestConversation(String clientId, String counterpart, String topic) {
        return Optional.ofNullable(latestByTopic.get(new TopicKey(clientId, Addresses.normalise(counterpart), topic)));
    }

    /** Drops what has fallen out of the windows, so memory stays bounded by the traffic of one window. */
    public void evict(Instant dedupCutoff, Instant conversationCutoff) {
        Instant referenceCutoff = dedupCutoff.isBefore(conversationCutoff) ? dedupCutoff : conversationCutoff;
        accepted.values().removeIf(a -> a.receivedAt().isBefore(dedupCutoff));
        byReference.values().removeIf(r -> r.at().isBefore(referenceCutoff));
        latestByCounterpart.values().removeIf(r -> r.at().isBefore(conversationCutoff));
        latestByTopic.values().removeIf(r -> r.at().isBefore(conversationCutoff));
        routeByConversation.values().removeIf(r -> r.at().isBefore(conversationCutoff));
        unresolved.values().removeIf(u -> u.lastSeen().isBefore(conversationCutoff));
    }

    /** How many messages the idempotency index holds. */
    public int size() {
        return accepted.size();
    }

    private static ConversationRef later(ConversationRef existing, ConversationRef candidate) {
        return candidate.at().isAfter(existing.at()) ? candidate : existing;
    }
}
