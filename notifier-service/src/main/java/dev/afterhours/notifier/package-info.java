/** The notifier: turns escalations and SLA breaches into pages on signed webhooks and email, once. */
@NullMarked
package dev.afterhours.notifier;

import org.jspecify.annotations.NullMarked;
