/**
 * Sign-in for every Afterhours service. Each service is an OAuth2 resource server configured only by an issuer URI
 * ({@code afterhours.security.issuer-uri}), so an agency plugs in the identity provider it already has. The token's
 * claims map to three roles, {@code admin} above {@code staff} above {@code viewer}; endpoints state the role they need
 * beside their mapping with {@code @PreAuthorize}. Only the liveness and readiness probes, and
 * the OpenAPI description ({@code /v3/api-docs}), answer anonymously.
 */
@NullMarked
package dev.afterhours.security;

import org.jspecify.annotations.NullMarked;
