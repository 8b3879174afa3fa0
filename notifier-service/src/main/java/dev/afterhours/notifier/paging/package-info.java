/** Turning an escalation or a breach into deliveries: recipients, channels, idempotency keys, outcomes. */
@NullMarked
package dev.afterhours.notifier.paging;

import org.jspecify.annotations.NullMarked;
