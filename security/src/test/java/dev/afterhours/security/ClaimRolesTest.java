package dev.afterhours.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

class ClaimRolesTest {

    private static Jwt token(Map<String, Object> claims) {
        Jwt.Builder builder = Jwt.withTokenValue("t").header("alg", "RS256").issuedAt(Instant.EPOCH)
                .expiresAt(Instant.EPOCH.plusSeconds(60)).subject("s");
        claims.forEach(builder::claim);
        return builder.build();
    }

    private static List<String> roles(ClaimRoles converter, Map<String, Object> claims) {
        return converter.convert(token(claims)).stream().map(GrantedAuthority::getAuthority).toList();
    }

    @Test
    void keycloakRealmRolesGrantTheRoleAndEveryRoleBelowIt() {
        ClaimRoles keycloak = new ClaimRoles(List.of("realm_access.roles"), Map.of());

        assertThat(roles(keycloak, Map.of("realm_access", Map.of("roles", List.of("admin", "offline_access")))))
                .containsExactlyInAnyOrder("ROLE_admin", "ROLE_staff", "ROLE_viewer");
        assertThat(roles(keycloak, Map.of("realm_access", Map.of("roles", List.of("staff")))))
                .containsExactlyInAnyOrder("ROLE_staff", "ROLE_viewer");
        assertThat(roles(keycloak, Map.of("realm_access", Map.of("roles", List.of("viewer")))))
                .containsExactly("ROLE_viewer");
    }

    @Test
    void groupsOfAnotherProviderGrantNothingUntilMapped() {
        Map<String, Object> okta = Map.of("groups", List.of("Everyone", "Afterhours Admins"));

        assertThat(roles(new ClaimRoles(List.of("groups"), Map.of()), okta)).isEmpty();
        assertThat(roles(new ClaimRoles(List.of("groups"), Map.of("Afterhours Admins", "admin")), okta))
                .contains("ROLE_admin", "ROLE_viewer");
    }

    @Test
    void aSpaceSeparatedClaimIsReadAsSeveralValuesAndMissingOrOddClaimsAsNone() {
        ClaimRoles converter = new ClaimRoles(List.of("roles", "realm_access.roles", "nested.deeper.roles"), Map.of());

        assertThat(roles(converter, Map.of("roles", "viewer staff"))).contains("ROLE_staff");
        assertThat(roles(converter, Map.of("realm_access", "not an object", "nested", Map.of("deeper", 42)))).isEmpty();
        assertThat(roles(converter, Map.of("roles", List.of(1, 2, "ADMIN")))).as("role names are case-sensitive").isEmpty();
    }

    @Test
    void aMappingToSomethingThatIsNotARoleIsRefusedAtStartUp() {
        assertThatThrownBy(() -> new SecurityProperties("http://issuer", List.of(), List.of("groups"),
                Map.of("ops", "superuser"), "preferred_username", List.of()))
                .hasMessageContaining("afterhours.security.role-mapping.ops").hasMessageContaining("[admin, staff, viewer]");
    }
}
