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
        String authority = "ROLE_" + role;
        return authentication.getAuthorities().stream().anyMatch(a -> authority.equals(a.getAuthority()));
    }
}
