@NullMarked
package dev.afterhours.scheduler.deadletter.web;

import org.jspecify.annotations.NullMarked;
