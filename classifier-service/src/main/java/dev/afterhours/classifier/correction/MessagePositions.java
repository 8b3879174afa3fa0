package dev.afterhours.classifier.correction;

import org.jspecify.annotations.Nullable;

/**
 * messageId -> (partition, offset) of its latest classification, in two primitive arrays: 16 bytes a slot, about
 * 32 MB per million messages at worst, instead of the ~150 MB a {@code HashMap<String, Long>} would take (and far
 * less than keeping the records). The id is stored as a 64-bit hash; the caller verifies the fetched record's
 * messageId, so a hash collision (odds ~1e-7 at a million ids) shows as "unknown", never as a wrong message.
 *
 * <p>Thread-safe: one writer (the topic follower), occasional readers (corrections).
 */
public final class MessagePositions {

    /** Where a record is: partition and offset. */
    public record Position(int partition, long offset) {
    }

    static final int MAX_PARTITION = (1 << 15) - 1;
    static final long MAX_OFFSET = (1L << 48) - 1;
    private static final long EMPTY = 0;

    private long[] keys;
    private long[] values;
    private int size;

    public MessagePositions() {
        this(1 << 10);
    }

    MessagePositions(int initialCapacity) {
        int capacity = Integer.highestOneBit(Math.max(16, initialCapacity - 1) << 1);
        keys = new long[capacity];
        values = new long[capacity];
    }

    /** Records (or moves, for a re-classified message) where the latest classification of a message is. */
    public synchronized void put(String messageId, int partition, long offset) {
        if (partition < 0 || partition > MAX_PARTITION || offset < 0 || offset > MAX_OFFSET) {
            throw new IllegalArgumentException("position out of range: " + partition + "@" + offset);
        }
        if ((size + 1) * 4L > keys.length * 3L) {
            grow();
        }
        if (insert(keys, values, hash(messageId), pack(partition, offset))) {
            size++;
        }
    }

    public synchronized @Nullable Position get(String messageId) {
        long key = hash(messageId);
        int mask = keys.length - 1;
        for (int slot = (int) key & mask; keys[slot] != EMPTY; slot = (slot + 1) & mask) {
            if (keys[slot] == key) {
                long value = values[slot];
                return new Position((int) (value >>> 48), value & MAX_OFFSET);
            }
        }
        return null;
    }

    public synchronized int size() {
        return size;
    }

    /** The bytes held by the two arrays, for the index-size gauge and capacity planning. */
    public synchronized long footprintBytes() {
        return keys.length * 16L;
    }

    private static boolean insert(long[] keys, long[] values, long key, long value) {
        int mask = keys.length - 1;
        int slot = (int) key & mask;
        while (keys[slot] != EMPTY && keys[slot] != key) {
            slot = (slot + 1) & mask;
        }
        boolean added = keys[slot] == EMPTY;
        keys[slot] = key;
        values[slot] = value;
        return added;
    }

    private void grow() {
        long[] oldKeys = keys;
        long[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new long[oldValues.length * 2];
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != EMPTY) {
                insert(keys, values, oldKeys[i], oldValues[i]);
            }
        }
    }

    private static long pack(int partition, long offset) {
        return ((long) partition << 48) | offset;
    }

    /** FNV-1a over the UTF-16 chars, then a murmur3 finalizer so low bits (the slot) are well mixed. Never 0. */
    static long hash(String messageId) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < messageId.length(); i++) {
            h ^= messageId.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h == EMPTY ? 1 : h;
    }

    @Override
    public synchronized String toString() {
        return "MessagePositions[size=" + size + ", capacity=" + keys.length + "]";
    }

    synchronized int capacity() {
        return keys.length;
    }
}
