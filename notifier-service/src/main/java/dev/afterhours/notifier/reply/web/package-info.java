/** The status of a staff reply. */
@NullMarked
package dev.afterhours.notifier.reply.web;

import org.jspecify.annotations.NullMarked;
