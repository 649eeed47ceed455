package io.selection.api.security;

import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Which roles a bearer token's claim grants: only the four of docs/api.md, from a list, a string or a nested claim. */
class BearerTokenRolesTest {

    private static List<String> roles(String claim, Object value) {
        Jwt jwt = Jwt.withTokenValue("t").header("alg", "RS256").subject("s").claim(claim.split("\\.")[0],
                claim.contains(".") ? Map.of(claim.split("\\.")[1], value) : value)
                .issuedAt(Instant.EPOCH).expiresAt(Instant.EPOCH.plusSeconds(60)).build();
        return ProductionSecurity.roles(jwt, claim).stream().map(GrantedAuthority::getAuthority).toList();
    }

    @Test
    void grants_the_known_roles_of_a_list_claim_as_spring_roles() {
        assertThat(roles("roles", List.of("ORGANISER", "AUDITOR"))).containsExactly("ROLE_ORGANISER", "ROLE_AUDITOR");
    }

    @Test
    void reads_a_space_or_comma_separated_string() {
        assertThat(roles("scope", "GATEWAY REVIEWER,AUDITOR"))
                .containsExactly("ROLE_GATEWAY", "ROLE_REVIEWER", "ROLE_AUDITOR");
    }

    @Test
    void reads_a_nested_claim_by_its_dotted_path() {
        assertThat(roles("realm_access.roles", List.of("REVIEWER", "offline_access"))).containsExactly("ROLE_REVIEWER");
    }

    @Test
    void ignores_unknown_prefixed_or_lower_case_names() {
        assertThat(roles("roles", List.of("ADMIN", "ROLE_ORGANISER", "organiser", ""))).isEmpty();
    }

    @Test
    void names_the_caller_by_the_configured_claim() {
        Jwt jwt = Jwt.withTokenValue("t").header("alg", "RS256").subject("a1b2-uuid")
                .claim("preferred_username", "rev-anna").claim("roles", List.of("REVIEWER")).build();
        var security = new ProductionSecurity();
        assertThat(security.bearerTokens(new BearerTokenProperties("roles", "sub")).convert(jwt).getName())
                .isEqualTo("a1b2-uuid");
        var byUsername = security.bearerTokens(new BearerTokenProperties("roles", "preferred_username")).convert(jwt);
        assertThat(byUsername.getName()).isEqualTo("rev-anna");
        assertThat(byUsername.getAuthorities()).extracting(GrantedAuthority::getAuthority)
                .containsExactly("ROLE_REVIEWER");
    }

    @Test
    void grants_nothing_when_the_claim_is_missing_or_of_another_shape() {
        assertThat(roles("groups", 42)).isEmpty();
        Jwt none = Jwt.withTokenValue("t").header("alg", "RS256").subject("s").build();
        assertThat(ProductionSecurity.roles(none, "roles")).isEmpty();
        assertThat(ProductionSecurity.roles(none, "realm_access.roles")).isEmpty();
    }
}
