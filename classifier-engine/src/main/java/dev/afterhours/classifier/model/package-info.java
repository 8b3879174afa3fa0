/**
 * The learned half of the classifier: maximum-entropy document categorisers (Apache OpenNLP) trained at build
 * time on the labelled corpus in {@code classifier-service/corpus}, and the held-out evaluation.
 */
@NullMarked
package dev.afterhours.classifier.model;

import org.jspecify.annotations.NullMarked;
