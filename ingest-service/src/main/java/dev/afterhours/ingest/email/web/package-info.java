/** The inbound-parse webhook: {@code POST /api/v1/inbound/email} with the raw message as body. */
@NullMarked
package dev.afterhours.ingest.email.web;

import org.jspecify.annotations.NullMarked;
