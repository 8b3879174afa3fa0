/** The dead letters this service parks, listed and replayed by admins (the API is the shared one). */
@NullMarked
package dev.afterhours.notifier.deadletter;

import org.jspecify.annotations.NullMarked;
