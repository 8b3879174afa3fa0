package dev.afterhours.notifier.channelack;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers the ids of provider callbacks already taken (an SMS's MessageSid, a Slack request's signature) for a
 * while, so the same signed request played again is refused rather than acting twice: a captured "1" replayed later
 * must not acknowledge the person's next page. Per instance and in memory, bounded in size; Slack's five-minute
 * window bounds a replay there anyway, and acknowledging one notification twice changes nothing.
 */
public final class ReplayGuard {

    private final Duration ttl;
    private final int capacity;
    private final Clock clock;
    private final Map<String, Instant> seen = new LinkedHashMap<>();

    public ReplayGuard(Duration ttl, int capacity, Clock clock) {
        this.ttl = ttl;
        this.capacity = capacity;
        this.clock = clock;
    }

    /** True the first time a key is presented within the ttl; false for a replay. */
    public synchronized boolean firstSeen(String key) {
        Instant now = clock.instant();
        for (Iterator<Instant> it = seen.values().iterator(); it.hasNext(); ) {
            if (!it.next().plus(ttl).isAfter(now)) {
                it.remove();
            } else {
                break; // insertion order is time order
            }
        }
        if (seen.containsKey(key)) {
            return false;
        }
        if (seen.size() >= capacity) {
            Iterator<String> oldest = seen.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        seen.put(key, now);
        return true;
    }
}
