/** The explainable urgency rules behind {@link dev.afterhours.classifier.classification.MessageClassifier}. */
@NullMarked
package dev.afterhours.classifier.classification;

import org.jspecify.annotations.NullMarked;
