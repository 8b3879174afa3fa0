/** The classifier's one entry point, ClassifierEngine: the whole decision for one message. */
@NullMarked
package dev.afterhours.classifier.engine;

import org.jspecify.annotations.NullMarked;
