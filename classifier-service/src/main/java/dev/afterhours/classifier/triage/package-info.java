/** Puts a message, its client, the rules and the support hours together into one MessageClassified. */
@NullMarked
package dev.afterhours.classifier.triage;

import org.jspecify.annotations.NullMarked;
