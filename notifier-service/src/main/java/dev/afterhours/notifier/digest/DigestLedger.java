package dev.afterhours.notifier.digest;

import dev.afterhours.contracts.DigestOutcome;
import dev.afterhours.contracts.DigestRecorded;
import dev.afterhours.notifier.ledger.OutcomeLedger;
import org.jspecify.annotations.Nullable;

/**
 * What {@code afterhours.notifier.digests.v1} says: the latest outcome of each digest (see {@link OutcomeLedger}).
 */
public final class DigestLedger extends OutcomeLedger<DigestRecorded, DigestOutcome> {

    public DigestLedger() {
        super(DigestRecorded::getDigestId, DigestRecorded::getOutcome, o -> o == DigestOutcome.ATTEMPTED);
    }

    public @Nullable DigestOutcome outcome(String digestId) {
        return latest(digestId);
    }
}
