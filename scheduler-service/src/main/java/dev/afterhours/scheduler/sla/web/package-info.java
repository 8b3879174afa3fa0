/**
 * HTTP views of SLA state (interactive queries).
 */
@NullMarked
package dev.afterhours.scheduler.sla.web;

import org.jspecify.annotations.NullMarked;
