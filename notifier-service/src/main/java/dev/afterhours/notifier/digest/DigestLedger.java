package dev.afterhours.notifier.digest;

import dev.afterhours.contracts.DigestOutcome;
import dev.afterhours.contracts.DigestRecorded;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * What {@code afterhours.notifier.digests.v1} says: the latest outcome of each digest. Fed by a follower that reads
 * the compacted topic from its beginning, and directly right after each of this instance's records is acknowledged.
 * Any outcome, an {@code ATTEMPTED} included, means the digest is never sent again.
 */
public final class DigestLedger {

    private final Map<String, DigestOutcome> outcomes = new ConcurrentHashMap<>();

    public void apply(DigestRecorded recorded) {
        outcomes.merge(recorded.getDigestId(), recorded.getOutcome(),
                (prior, next) -> next == DigestOutcome.ATTEMPTED ? prior : next);
    }

    public @Nullable DigestOutcome outcome(String digestId) {
        return outcomes.get(digestId);
    }
}
