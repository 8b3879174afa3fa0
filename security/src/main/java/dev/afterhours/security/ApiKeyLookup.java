package dev.afterhours.security;

import java.util.Optional;
import java.util.Set;

/**
 * Where a service finds integrations' API keys (the directory's, in every Afterhours service). A service that
 * declares a bean of this type accepts API keys beside bearer tokens.
 */
@FunctionalInterface
public interface ApiKeyLookup {

    /**
     * A stored key, as much of it as authentication needs.
     *
     * @param scopes    lower-case scope names, e.g. {@code messages:write}
     * @param clientIds if not empty, the only clients the key may act for
     */
    record StoredKey(String keyId, String name, String secretSha256, Set<String> scopes, Set<String> clientIds,
                     boolean revoked) {
    }

    Optional<StoredKey> find(String keyId);
}
