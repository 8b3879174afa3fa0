/** HTTP adapter: {@code POST /api/v1/messages/{id}/urgency} and {@code GET /api/v1/corrections/export}. */
@NullMarked
package dev.afterhours.classifier.correction.web;

import org.jspecify.annotations.NullMarked;
