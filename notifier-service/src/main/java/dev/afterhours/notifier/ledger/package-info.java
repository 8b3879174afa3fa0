/** The notifications topic as memory: what was delivered, acknowledged and escalated, rebuilt at startup. */
@NullMarked
package dev.afterhours.notifier.ledger;

import org.jspecify.annotations.NullMarked;
