/** HTTP adapter: a preview of what the classifier would say about a message. */
@NullMarked
package dev.afterhours.classifier.triage.web;

import org.jspecify.annotations.NullMarked;
