/** After-hours status: where a message's arrival falls against its client's (or the agency's) support hours. */
@NullMarked
package dev.afterhours.classifier.hours;

import org.jspecify.annotations.NullMarked;
