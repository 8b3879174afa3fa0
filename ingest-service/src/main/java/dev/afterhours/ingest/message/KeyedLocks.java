package dev.afterhours.ingest.message;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/** One lock per key, created on demand and removed when no thread holds or waits for it. */
public final class KeyedLocks<K> {

    private static final class Holder {
        final ReentrantLock lock = new ReentrantLock();
        int users;
    }

    private final ConcurrentHashMap<K, Holder> locks = new ConcurrentHashMap<>();

    public <T> T withLock(K key, Supplier<T> action) {
        // compute() is atomic per key, so the user count and the removal below cannot race.
        Holder holder = locks.compute(key, (k, existing) -> {
            Holder h = existing == null ? new Holder() : existing;
            h.users++;
            return h;
        });
        holder.lock.lock();
        try {
            return action.get();
        } finally {
            holder.lock.unlock();
            locks.compute(key, (k, h) -> h == null || --h.users == 0 ? null : h);
        }
    }

    /** Keys currently locked or waited for. */
    public int activeKeys() {
        return locks.size();
    }
}
