/** Paging the next policy level when nobody acknowledges in time. */
@NullMarked
package dev.afterhours.notifier.escalation;

import org.jspecify.annotations.NullMarked;
