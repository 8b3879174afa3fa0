/**
 * Staff corrections of the classifier's urgency: find a message's classification through a compact index of the
 * classified topic, publish an {@code UrgencyCorrected}, count it, and export corrections as training data.
 */
@NullMarked
package dev.afterhours.classifier.correction;

import org.jspecify.annotations.NullMarked;
