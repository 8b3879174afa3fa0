/**
 * What every service's HTTP API shares besides sign-in: RFC 9457 problem details for every error (the offending
 * field as the extension member {@code field}), a cap on every request body ({@code afterhours.web.max-body-size}),
 * and per-caller rate limits ({@code afterhours.web.rate-limit.*}). Services add only their domain's handlers.
 */
@NullMarked
package dev.afterhours.security.web;

import org.jspecify.annotations.NullMarked;
