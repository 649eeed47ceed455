package io.selection.api.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which claims of a bearer token (profile {@code prod}) carry the roles and the caller's name; the
 * issuer and keys themselves are Spring's {@code spring.security.oauth2.resourceserver.jwt.*}.
 * See docs/operations.md.
 *
 * @param rolesClaim     a claim holding a list (or a space- or comma-separated string) of
 *                       {@code ORGANISER}, {@code REVIEWER}, {@code AUDITOR}, {@code GATEWAY}; a
 *                       dotted path ({@code realm_access.roles}) reads into nested objects
 * @param principalClaim the claim naming the caller: a reviewer's id, recorded as the scorer
 */
@ConfigurationProperties(prefix = "selection.security")
public record BearerTokenProperties(@DefaultValue("roles") String rolesClaim,
                                    @DefaultValue("sub") String principalClaim) {
}
