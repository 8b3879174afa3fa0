package dev.afterhours.security;

import dev.afterhours.security.web.RateLimitFilter;
import dev.afterhours.security.web.WebProperties;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The one {@link SecurityFilterChain} of every service: stateless bearer tokens from the configured issuer, the
 * liveness and readiness probes (and the health status without details) and the OpenAPI description public, the rest
 * of actuator for viewers, every other request signed in and then checked by the {@code @PreAuthorize} beside its
 * mapping. A request that no endpoint states a role for still needs a signed-in person. Where the service has an {@link ApiKeyLookup},
 * integrations sign in with their API key instead, and get only their key's scopes. Each caller is rate limited
 * right after its token or key is read ({@code afterhours.web.rate-limit.*}).
 */
@AutoConfiguration(beforeName = {
        "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
        "org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerAutoConfiguration",
        "org.springframework.boot.security.oauth2.server.resource.autoconfigure.web.OAuth2ResourceServerWebSecurityAutoConfiguration"})
@EnableWebSecurity
@EnableMethodSecurity
@EnableConfigurationProperties({SecurityProperties.class, WebProperties.class})
public class ServiceSecurityConfiguration {

    /**
     * Answer anonymously: the orchestrator's probes, the bare status (details need a viewer), and the OpenAPI
     * description (springdoc's {@code /v3/api-docs}): it says which endpoints exist, who may call them and what they
     * answer, which an integrator needs before they hold a token, and nothing that is secret (no data, no keys, no
     * configuration); every endpoint it lists still checks its caller. Rate limited like everything else.
     */
    static final String[] PUBLIC = {"/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness",
            "/error", "/v3/api-docs", "/v3/api-docs.yaml"};

    @Bean
    SecurityFilterChain serviceSecurity(HttpSecurity http, JwtAuthenticationConverter tokens,
            SecurityProperties properties, ObjectProvider<ApiKeyLookup> apiKeys, WebProperties web) throws Exception {
        // Before any credential is checked: a flood of forged tokens or keys from one address stops here.
        http.addFilterBefore(RateLimitFilter.perAddress(web.rateLimit()), BearerTokenAuthenticationFilter.class);
        apiKeys.ifAvailable(keys -> http.addFilterBefore(
                new ApiKeyAuthenticationFilter(keys, ProblemResponses.unauthenticated()), BearerTokenAuthenticationFilter.class));
        http
                // Who is calling is known once the bearer token is read: limit each caller from there on.
                .addFilterAfter(RateLimitFilter.perCaller(web.rateLimit()), BearerTokenAuthenticationFilter.class)
                // Bearer tokens only: no session, no cookie, so there is nothing for a cross-site request to ride on.
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(PUBLIC).permitAll()
                        // declared by the service (afterhours.security.public-paths): endpoints that check a signature
                        .requestMatchers(properties.publicPaths().stream()
                                .map(path -> PathPatternRequestMatcher.withDefaults().matcher(path))
                                .toArray(RequestMatcher[]::new)).permitAll()
                        .requestMatchers("/actuator/**").hasRole(Roles.VIEWER)
                        .anyRequest().authenticated())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(tokens))
                        .authenticationEntryPoint(ProblemResponses.unauthenticated())
                        .accessDeniedHandler(ProblemResponses.forbidden()))
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint(ProblemResponses.unauthenticated())
                        .accessDeniedHandler(ProblemResponses.forbidden()));
        return http.build();
    }

    @Bean
    JwtAuthenticationConverter jwtAuthenticationConverter(SecurityProperties properties) {
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(new ClaimRoles(properties.rolesClaims(), properties.roleMapping()));
        converter.setPrincipalClaimName(properties.principalClaim());
        return converter;
    }

    /**
     * Keys from the issuer's discovery document, fetched on the first token rather than at start-up, so a service
     * starts (and pages) while the identity provider is still coming up; a failed fetch is tried again next time.
     */
    @Bean
    @ConditionalOnMissingBean
    JwtDecoder jwtDecoder(SecurityProperties properties) {
        String issuer = properties.issuerUri();
        if (issuer == null || issuer.isBlank()) {
            throw new IllegalStateException("afterhours.security.issuer-uri is not set: set AFTERHOURS_SECURITY_ISSUER_URI "
                    + "to the OIDC issuer whose tokens this service accepts (the local stack sets it for you)");
        }
        OAuth2TokenValidator<Jwt> validator = validator(issuer, properties.audiences());
        return new SupplierJwtDecoder(() -> {
            NimbusJwtDecoder decoder = NimbusJwtDecoder.withIssuerLocation(issuer).build();
            decoder.setJwtValidator(validator);
            return decoder;
        });
    }

    static OAuth2TokenValidator<Jwt> validator(String issuer, List<String> audiences) {
        OAuth2TokenValidator<Jwt> standard = JwtValidators.createDefaultWithIssuer(issuer);
        if (audiences.isEmpty()) {
            return standard;
        }
        return new DelegatingOAuth2TokenValidator<>(standard, new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
                aud -> aud != null && aud.stream().anyMatch(audiences::contains)));
    }
}
