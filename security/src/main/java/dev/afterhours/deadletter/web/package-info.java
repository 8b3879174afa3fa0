/**
 * The admin API over a service's dead-letter topics: list, and replay exactly once. Outside
 * {@code dev.afterhours.security} on purpose: applications scanning that package must not pick the controller up;
 * it exists only where {@link dev.afterhours.deadletter.web.DeadLetterApiConfiguration} finds a DeadLetterAdmin.
 */
@NullMarked
package dev.afterhours.deadletter.web;

import org.jspecify.annotations.NullMarked;
