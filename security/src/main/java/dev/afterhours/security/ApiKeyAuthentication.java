package dev.afterhours.security;

import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * An integration signed in with its API key: no role, only the scopes the key was given, as {@code SCOPE_<scope>}
 * authorities (the same shape as an OAuth2 token's scopes), so an endpoint says which integrations may call it.
 */
public final class ApiKeyAuthentication extends AbstractAuthenticationToken {

    private final ApiKeyLookup.StoredKey key;

    ApiKeyAuthentication(ApiKeyLookup.StoredKey key) {
        super(key.scopes().stream().map(scope -> new SimpleGrantedAuthority("SCOPE_" + scope))
                .collect(Collectors.toUnmodifiableSet()));
        this.key = key;
        setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    /** {@code api-key:<keyId>}, so logs and audit fields never confuse an integration with a person. */
    @Override
    public Object getPrincipal() {
        return "api-key:" + key.keyId();
    }

    @Override
    public String getName() {
        return "api-key:" + key.keyId();
    }

    public String keyId() {
        return key.keyId();
    }

    /** If not empty, the only clients this key may act for. */
    public Set<String> clientIds() {
        return key.clientIds();
    }
}
