/** The JSON message API: {@code POST /api/v1/messages}. */
@NullMarked
package dev.afterhours.ingest.message.web;

import org.jspecify.annotations.NullMarked;
