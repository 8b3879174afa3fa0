/** The classifier's one entry point, {@link dev.afterhours.classifier.engine.ClassifierEngine}: the whole decision. */
@NullMarked
package dev.afterhours.classifier.engine;

import org.jspecify.annotations.NullMarked;
