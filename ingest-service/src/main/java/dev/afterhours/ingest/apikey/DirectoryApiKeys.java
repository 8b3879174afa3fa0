package dev.afterhours.ingest.apikey;

import dev.afterhours.contracts.ApiKey;
import dev.afterhours.contracts.ApiKeyScope;
import dev.afterhours.directory.DirectoryView;
import dev.afterhours.security.ApiKeyLookup;
import dev.afterhours.security.Roles;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The security filter's view of API keys: the directory's api-keys topic, as this instance has read it. */
public final class DirectoryApiKeys implements ApiKeyLookup {

    private final DirectoryView view;

    public DirectoryApiKeys(DirectoryView view) {
        this.view = view;
    }

    @Override
    public Optional<StoredKey> find(String keyId) {
        return view.apiKey(keyId).map(DirectoryApiKeys::stored);
    }

    static StoredKey stored(ApiKey key) {
        return new StoredKey(key.getKeyId(), key.getName(), key.getSecretSha256(),
                key.getScopes().stream().map(DirectoryApiKeys::scopeName).collect(Collectors.toUnmodifiableSet()),
                Set.copyOf(key.getClientIds()), key.getRevokedAt() != null);
    }

    /** {@code MESSAGES_WRITE} is {@code messages:write}, the name endpoints check. */
    public static String scopeName(ApiKeyScope scope) {
        return switch (scope) {
            case MESSAGES_WRITE -> Roles.SCOPE_MESSAGES;
            case REPLIES_WRITE -> Roles.SCOPE_REPLIES;
        };
    }

    /** The scope named {@code messages:write} (or {@code MESSAGES_WRITE}), if there is one. */
    public static Optional<ApiKeyScope> scope(String name) {
        for (ApiKeyScope scope : ApiKeyScope.values()) {
            if (scopeName(scope).equals(name.strip()) || scope.name().equals(name.strip().toUpperCase(Locale.ROOT))) {
                return Optional.of(scope);
            }
        }
        return Optional.empty();
    }
}
