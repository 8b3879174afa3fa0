/** The directory admin API: {@code /api/v1/directory/{clients|staff|rotations|escalation-policies}}. */
@NullMarked
package dev.afterhours.ingest.directory.web;

import org.jspecify.annotations.NullMarked;
