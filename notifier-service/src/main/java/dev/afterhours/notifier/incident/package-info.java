/** Incidents: an escalation from its first page to its resolution, with its handover note; the page history, MTTA and MTTR. */
@NullMarked
package dev.afterhours.notifier.incident;

import org.jspecify.annotations.NullMarked;
