/** The live directory view as a Spring bean, with its readiness health indicator. */
@NullMarked
package dev.afterhours.notifier.directory;

import org.jspecify.annotations.NullMarked;
