/** The form pages: GET serves the form, POST takes it; HTML for people, problem details for programs. */
@NullMarked
package dev.afterhours.ingest.webform.web;

import org.jspecify.annotations.NullMarked;
