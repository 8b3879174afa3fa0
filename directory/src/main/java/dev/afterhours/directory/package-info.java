/**
 * The directory: clients (with calendars, SLA policies, contacts and rules), staff, rotations and escalation
 * policies. Validation with errors that name the field, loading from YAML or JSON maps, publishing to the compacted
 * directory topics, and a live, always-current view of those topics for every service. No Spring.
 */
@NullMarked
package dev.afterhours.directory;

import org.jspecify.annotations.NullMarked;
