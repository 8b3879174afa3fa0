package dev.afterhours.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Signs an integration in by its API key ({@code X-Api-Key: ahk_...} or {@code Authorization: ApiKey ahk_...}).
 * A request that presents a key and fails (unknown, revoked, wrong secret, malformed) is answered 401 here and goes
 * no further: it does not fall back to being anonymous. A request without a key passes on to the bearer token check.
 */
final class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

    private final ApiKeyLookup keys;
    private final AuthenticationEntryPoint unauthenticated;

    ApiKeyAuthenticationFilter(ApiKeyLookup keys, AuthenticationEntryPoint unauthenticated) {
        this.keys = keys;
        this.unauthenticated = unauthenticated;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String presented = presentedKey(request);
        if (presented == null) {
            chain.doFilter(request, response);
            return;
        }
        Optional<ApiKeyLookup.StoredKey> key = ApiKeys.parse(presented)
                .flatMap(p -> keys.find(p.keyId())
                        .filter(stored -> !stored.revoked())
                        .filter(stored -> ApiKeys.matches(p.secret(), stored.secretSha256())));
        if (key.isEmpty()) {
            SecurityContextHolder.clearContext();
            unauthenticated.commence(request, response,
                    new BadCredentialsException("unknown, revoked or malformed API key"));
            return;
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new ApiKeyAuthentication(key.get()));
        SecurityContextHolder.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    private static @Nullable String presentedKey(HttpServletRequest request) {
        String header = request.getHeader(ApiKeys.HEADER);
        if (header != null && !header.isBlank()) {
            return header;
        }
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "ApiKey ", 0, 7)) {
            return authorization.substring(7);
        }
        return null;
    }
}
