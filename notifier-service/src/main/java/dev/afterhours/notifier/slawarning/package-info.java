/**
 * SLA warnings reach someone: whoever owns the SLA at that moment (the account manager in their working hours, the
 * person on call outside them), quietly at the warning threshold and paged at the page threshold, below EMERGENCY.
 */
@NullMarked
package dev.afterhours.notifier.slawarning;

import org.jspecify.annotations.NullMarked;
