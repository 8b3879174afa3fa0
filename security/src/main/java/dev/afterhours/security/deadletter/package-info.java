/** The admin API over a service's dead-letter topics: list, and replay exactly once. */
@NullMarked
package dev.afterhours.security.deadletter;

import org.jspecify.annotations.NullMarked;
