/** The dead letters this service parks, listed and replayed by admins. */
@NullMarked
package dev.afterhours.scheduler.deadletter;

import org.jspecify.annotations.NullMarked;
