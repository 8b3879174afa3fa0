/**
 * A message's text as the rules and the models read it: what the sender wrote (quotes, forwards and signatures cut
 * off), folded for matching. Below both, so neither the rules nor the models depend on the other for it.
 */
@NullMarked
package dev.afterhours.classifier.text;

import org.jspecify.annotations.NullMarked;
