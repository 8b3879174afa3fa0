/**
 * Support-hours arithmetic on the client's wall clock: is a moment open, when does the next opening start, and
 * when does a business-time target fall due. Pure Java, no Spring.
 */
@NullMarked
package dev.afterhours.businesstime;

import org.jspecify.annotations.NullMarked;
