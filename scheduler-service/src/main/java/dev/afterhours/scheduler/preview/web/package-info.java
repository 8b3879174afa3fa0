@NullMarked
package dev.afterhours.scheduler.preview.web;

import org.jspecify.annotations.NullMarked;
