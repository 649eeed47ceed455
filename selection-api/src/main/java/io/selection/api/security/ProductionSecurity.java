package io.selection.api.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.selection.api.web.ApiPhrase;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.autoconfigure.security.oauth2.resource.OAuth2ResourceServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.core.convert.converter.Converter;
import org.springframework.core.io.Resource;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.util.StringUtils;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.GeneralSecurityException;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code prod} profile: the API is an OAuth2 resource server that takes bearer JWTs only, with
 * the same rules as the local profile ({@link SecurityConfig#apiRules}); no password sign-in of any
 * kind, so no session and no CSRF token (a browser never sends a bearer token by itself). The
 * console's pages sign in with a form and a session, which this profile does not offer: they
 * answer 404 here until the console learns bearer tokens.
 */
@Configuration
@Profile(ProductionSecurity.PROFILE)
public class ProductionSecurity {

    public static final String PROFILE = "prod";

    private static final Set<String> ROLES = Set.of(Roles.ORGANISER, Roles.REVIEWER, Roles.AUDITOR, Roles.GATEWAY);

    @Bean
    @Order(1)
    public SecurityFilterChain consoleInProduction(HttpSecurity http, ObjectMapper mapper) throws Exception {
        http.securityMatcher("/console/**")
                .csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .exceptionHandling(x -> x
                        .authenticationEntryPoint((req, res, ex) -> noConsole(req, res, mapper))
                        .accessDeniedHandler((req, res, ex) -> noConsole(req, res, mapper)))
                .authorizeHttpRequests(a -> a.anyRequest().denyAll());
        return http.build();
    }

    @Bean
    @Order(3)
    public SecurityFilterChain apiInProduction(HttpSecurity http, ObjectMapper mapper,
                                               Converter<Jwt, AbstractAuthenticationToken> tokens) throws Exception {
        BearerTokenAuthenticationEntryPoint challenge = new BearerTokenAuthenticationEntryPoint();
        http.csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .oauth2ResourceServer(o -> o
                        .jwt(j -> j.jwtAuthenticationConverter(tokens))
                        .authenticationEntryPoint((req, res, ex) -> unauthenticated(req, res, ex, challenge, mapper)))
                .exceptionHandling(x -> x
                        .authenticationEntryPoint((req, res, ex) -> unauthenticated(req, res, ex, challenge, mapper))
                        .accessDeniedHandler((req, res, ex) -> SecurityConfig.write(req, res, mapper,
                                new SecurityConfig.Refused("FORBIDDEN", null, ApiPhrase.ROLE_FORBIDDEN))))
                .authorizeHttpRequests(SecurityConfig::apiRules);
        return http.build();
    }

    /** Roles from the configured claim as {@code ROLE_x}, the caller's name from the configured claim. */
    @Bean
    public Converter<Jwt, AbstractAuthenticationToken> bearerTokens(BearerTokenProperties properties) {
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setPrincipalClaimName(properties.principalClaim());
        converter.setJwtGrantedAuthoritiesConverter(jwt -> roles(jwt, properties.rolesClaim()));
        return converter::convert;
    }

    /**
     * The decoder, from Spring's settings: a key set URI, or a public key file, or the issuer's
     * discovery document (fetched at the first request, so the service starts while the issuer is
     * down). With an issuer set, its {@code iss} is checked whichever key source is used; Spring's
     * own decoder ignores a public key file once an issuer is set (and fetches keys from the issuer),
     * hence this bean.
     */
    @Bean
    public JwtDecoder jwtDecoder(OAuth2ResourceServerProperties resourceServer) throws IOException {
        OAuth2ResourceServerProperties.Jwt jwt = resourceServer.getJwt();
        String issuer = StringUtils.hasText(jwt.getIssuerUri()) ? jwt.getIssuerUri() : null;
        if (StringUtils.hasText(jwt.getJwkSetUri())) {
            NimbusJwtDecoder.JwkSetUriJwtDecoderBuilder builder = NimbusJwtDecoder.withJwkSetUri(jwt.getJwkSetUri());
            jwt.getJwsAlgorithms().forEach(a -> builder.jwsAlgorithm(SignatureAlgorithm.from(a)));
            return validated(builder.build(), issuer, jwt.getAudiences());
        }
        if (jwt.getPublicKeyLocation() != null) {
            return validated(NimbusJwtDecoder.withPublicKey(rsaKey(jwt.getPublicKeyLocation())).build(), issuer,
                    jwt.getAudiences());
        }
        if (issuer != null) {
            return new SupplierJwtDecoder(() -> validated((NimbusJwtDecoder) JwtDecoders.fromIssuerLocation(issuer),
                    issuer, jwt.getAudiences()));
        }
        // ProductionSettingsGuard stops the start before this
        throw new IllegalStateException(ProductionSettingsGuard.NO_ISSUER);
    }

    private static NimbusJwtDecoder validated(NimbusJwtDecoder decoder, String issuer, List<String> audiences) {
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        validators.add(issuer == null ? JwtValidators.createDefault() : JwtValidators.createDefaultWithIssuer(issuer));
        if (audiences != null && !audiences.isEmpty()) {
            validators.add(new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
                    aud -> aud != null && aud.stream().anyMatch(audiences::contains)));
        }
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(validators));
        return decoder;
    }

    private static RSAPublicKey rsaKey(Resource location) throws IOException {
        try (InputStream in = location.getInputStream()) {
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII)
                    .replace("-----BEGIN PUBLIC KEY-----", "").replace("-----END PUBLIC KEY-----", "")
                    .replaceAll("\\s", "");
            return (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("spring.security.oauth2.resourceserver.jwt.public-key-location ("
                    + location + ") is not an RSA public key in PEM (-----BEGIN PUBLIC KEY-----)", e);
        }
    }

    /** Only the four roles of docs/api.md; anything else the issuer puts in the claim grants nothing. */
    static Collection<GrantedAuthority> roles(Jwt jwt, String claimPath) {
        Object value = jwt.getClaims();
        for (String part : claimPath.split("\\.")) {
            value = value instanceof Map<?, ?> map ? map.get(part) : null;
        }
        List<String> names = new ArrayList<>();
        if (value instanceof Collection<?> list) {
            list.forEach(v -> names.add(String.valueOf(v)));
        } else if (value instanceof String text) {
            names.addAll(List.of(text.split("[\\s,]+")));
        }
        return names.stream().filter(ROLES::contains).distinct()
                .<GrantedAuthority>map(r -> new SimpleGrantedAuthority("ROLE_" + r)).toList();
    }

    private static void unauthenticated(HttpServletRequest req, HttpServletResponse res, AuthenticationException ex,
                                        BearerTokenAuthenticationEntryPoint challenge, ObjectMapper mapper)
            throws IOException {
        challenge.commence(req, res, ex); // the WWW-Authenticate: Bearer header, with the token's error if any
        SecurityConfig.write(req, res, mapper, new SecurityConfig.Refused("UNAUTHENTICATED", null,
                ApiPhrase.BEARER_REQUIRED));
    }

    private static void noConsole(HttpServletRequest req, HttpServletResponse res, ObjectMapper mapper)
            throws IOException {
        SecurityConfig.write(req, res, mapper, new SecurityConfig.Refused("NOT_FOUND", null,
                ApiPhrase.CONSOLE_NOT_SERVED));
    }
}
