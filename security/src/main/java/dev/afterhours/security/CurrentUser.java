package dev.afterhours.security;

import org.springframework.security.core.Authentication;

/** Who is calling, as the token says: never taken from a request body. */
public final class CurrentUser {

    private CurrentUser() {
    }

    /** The person's id (the configured principal claim, {@code preferred_username} by default): a staffId for staff. */
    public static String id(Authentication authentication) {
        return authentication.getName();
    }

    public static boolean hasRole(Authentication authentication, String role) {
        return hasAuthority(authentication, "ROLE_" + role);
    }

    /** Whether an integration's key (or a token) carries this scope. */
    public static boolean hasScope(Authentication authentication, String scope) {
        return hasAuthority(authentication, "SCOPE_" + scope);
    }

    private static boolean hasAuthority(Authentication authentication, String authority) {
        return authentication.getAuthorities().stream().anyMatch(a -> authority.equals(a.getAuthority()));
    }
}
