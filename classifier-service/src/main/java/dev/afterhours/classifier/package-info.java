/** Afterhours classifier: tags every received message with urgency, needs-response, auto-reply and after-hours status. */
@NullMarked
package dev.afterhours.classifier;

import org.jspecify.annotations.NullMarked;
