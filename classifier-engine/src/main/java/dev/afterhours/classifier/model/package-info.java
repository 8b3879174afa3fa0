/**
 * The learned half of the decision at run time: the maximum-entropy document categorisers (Apache OpenNLP), the
 * nearest labelled examples of the second opinion, the calibration and the language a message is in. The files
 * they read are trained at build time by classifier-training (its "models" jar), from the corpus there.
 */
@NullMarked
package dev.afterhours.classifier.model;

import org.jspecify.annotations.NullMarked;
