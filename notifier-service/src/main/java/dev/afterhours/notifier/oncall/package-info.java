/** Who is paged and when they may be disturbed: rotations, escalation policies, quiet hours. Pure logic. */
@NullMarked
package dev.afterhours.notifier.oncall;

import org.jspecify.annotations.NullMarked;
