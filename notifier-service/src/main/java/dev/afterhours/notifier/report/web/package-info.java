/** The reporting API (viewer role), in JSON and CSV. */
@NullMarked
package dev.afterhours.notifier.report.web;

import org.jspecify.annotations.NullMarked;
