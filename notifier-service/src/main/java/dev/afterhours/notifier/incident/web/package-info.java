/** The incidents API: resolve with a handover note, and the page history. */
@NullMarked
package dev.afterhours.notifier.incident.web;

import org.jspecify.annotations.NullMarked;
