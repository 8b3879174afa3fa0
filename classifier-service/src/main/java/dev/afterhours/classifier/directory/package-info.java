/** The live directory view this service reads clients from, and its readiness. */
@NullMarked
package dev.afterhours.classifier.directory;

import org.jspecify.annotations.NullMarked;
