/**
 * The notifications topic as memory (what was delivered, acknowledged and escalated, rebuilt at startup), and the
 * one ledger of once-only sends on a compacted outcomes topic ({@link dev.afterhours.notifier.ledger.OutcomeLedger}).
 */
@NullMarked
package dev.afterhours.notifier.ledger;

import org.jspecify.annotations.NullMarked;
