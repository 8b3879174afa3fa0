/** Listing and replaying dead letters with plain Kafka clients, shared by every service that owns a dead-letter topic. */
@NullMarked
package dev.afterhours.contracts.deadletter;

import org.jspecify.annotations.NullMarked;
