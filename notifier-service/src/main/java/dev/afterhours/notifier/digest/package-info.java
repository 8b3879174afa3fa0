/**
 * The morning digest: at the start of each person's working day, one e-mail or Slack message of what arrived overnight for the
 * clients they manage, ordered by SLA due time, with what each client was already told; once per person and day.
 */
@NullMarked
package dev.afterhours.notifier.digest;

import org.jspecify.annotations.NullMarked;
