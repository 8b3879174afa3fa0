package dev.afterhours.security;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a service signs people in ({@code afterhours.security.*}).
 *
 * @param issuerUri     the OIDC issuer whose tokens are accepted, e.g. {@code https://login.example/realms/agency};
 *                      its discovery document gives the signing keys. Required: a service without one refuses to start.
 * @param audiences     if not empty, a token must name one of these in {@code aud}
 * @param rolesClaims   claims that carry roles or groups, as dotted paths into the token ({@code realm_access.roles}
 *                      for Keycloak, {@code roles} for Entra ID app roles, {@code groups} for Okta and Google)
 * @param roleMapping   claim value to role, for providers whose groups are not called admin, staff or viewer
 *                      (e.g. {@code "[afterhours-admins]": admin}); a value that is itself a role name maps to itself
 * @param principalClaim the claim naming the person; for staff it must be their staffId in the directory
 * @param publicPaths   extra request paths that answer without a token, as path patterns
 *                      ({@code /api/v1/notifications/*}{@code /ack-link}); for endpoints that authenticate the request
 *                      themselves (a signed link). Each must start with '/'; {@code /**} (everything) is refused.
 */
@ConfigurationProperties("afterhours.security")
public record SecurityProperties(
        @Nullable String issuerUri,
        @DefaultValue List<String> audiences,
        @DefaultValue({"realm_access.roles", "roles", "groups"}) List<String> rolesClaims,
        @DefaultValue Map<String, String> roleMapping,
        @DefaultValue("preferred_username") String principalClaim,
        @DefaultValue List<String> publicPaths) {

    public SecurityProperties {
        audiences = List.copyOf(audiences);
        rolesClaims = List.copyOf(rolesClaims);
        roleMapping = Map.copyOf(roleMapping);
        publicPaths = publicPaths.stream().map(String::trim).filter(path -> !path.isEmpty()).toList();
        for (String path : publicPaths) {
            if (!path.startsWith("/") || path.equals("/**")) {
                throw new IllegalArgumentException("afterhours.security.public-paths: '" + path
                        + "' must be a path pattern starting with '/', and not /** (that would make every endpoint public)");
            }
        }
        roleMapping.forEach((value, role) -> {
            if (!Roles.ALL.contains(role)) {
                throw new IllegalArgumentException("afterhours.security.role-mapping." + value + ": '" + role
                        + "' is not a role; use one of " + Roles.ALL);
            }
        });
    }
}
