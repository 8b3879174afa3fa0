package dev.afterhours.security;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Reads the roles a token grants from the configured claims: each value that names a role, or that the role mapping
 * maps to one, becomes {@code ROLE_<role>} together with the roles below it (an admin is also staff and viewer), so
 * every check, {@code @PreAuthorize} and actuator's health details alike, sees the same hierarchy. Anything else in
 * those claims is ignored: a provider's own groups grant nothing unless someone mapped them.
 */
public final class ClaimRoles implements Converter<Jwt, Collection<GrantedAuthority>> {

    private final List<String> claims;
    private final Map<String, String> mapping;

    public ClaimRoles(List<String> claims, Map<String, String> mapping) {
        this.claims = List.copyOf(claims);
        this.mapping = Map.copyOf(mapping);
    }

    @Override
    public Collection<GrantedAuthority> convert(Jwt jwt) {
        Set<GrantedAuthority> roles = new LinkedHashSet<>();
        for (String claim : claims) {
            for (String value : values(jwt.getClaims(), claim)) {
                String role = mapping.getOrDefault(value, Roles.ALL.contains(value) ? value : null);
                if (role != null) {
                    Roles.included(role).forEach(r -> roles.add(new SimpleGrantedAuthority("ROLE_" + r)));
                }
            }
        }
        return roles;
    }

    /** The string values at a dotted path: a list of strings, or one space-separated string. */
    static List<String> values(Map<String, Object> claims, String path) {
        @Nullable Object node = claims;
        for (String part : path.split("\\.")) {
            if (!(node instanceof Map<?, ?> map)) {
                return List.of();
            }
            node = map.get(part);
        }
        if (node instanceof Collection<?> list) {
            return list.stream().filter(String.class::isInstance).map(String.class::cast).toList();
        }
        if (node instanceof String text) {
            return List.of(text.trim().split("\\s+"));
        }
        return List.of();
    }
}
