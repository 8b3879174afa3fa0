/**
 * Build-time tools of the classifier: the labelled corpus, training of the word models, the distilled token table
 * and the nearest examples, the calibration, and the held-out evaluation that gates them. The service runs none of
 * this; it runs the engine on the files this produces.
 */
@NullMarked
package dev.afterhours.classifier.training;

import org.jspecify.annotations.NullMarked;
