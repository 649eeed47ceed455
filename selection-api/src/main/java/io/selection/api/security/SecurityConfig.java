package io.selection.api.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.selection.api.web.ApiPhrase;
import io.selection.api.web.ApiProblem;
import io.selection.api.web.Words;
import io.selection.recount.Language;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConstructorArgumentValues;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.PathPatternRequestMatcherBuilderFactoryBean;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.csrf.CsrfException;

import java.io.IOException;
import java.time.Clock;
import java.util.List;

import static io.selection.api.security.Roles.AUDITOR;
import static io.selection.api.security.Roles.GATEWAY;
import static io.selection.api.security.Roles.ORGANISER;
import static io.selection.api.security.Roles.REVIEWER;

/**
 * HTTP Basic with the local accounts for the API, a sign-in form and a session for the console,
 * the public pages open to all; who may do what, endpoint by endpoint, as in docs/api.md. The {@code prod}
 * profile replaces the console and API chains with bearer tokens ({@link ProductionSecurity}) and
 * keeps the same rules ({@link #apiRules}).
 */
@Configuration
public class SecurityConfig {

    private static final String E = "/api/editions/*";
    private static final String[] ALL_ROLES = {ORGANISER, REVIEWER, AUDITOR, GATEWAY};

    /**
     * Every path in the chains below is matched as a {@code PathPattern} on the request's own path.
     * Without this bean a pattern is matched the way Spring MVC would map it, which asks the
     * {@code HandlerMappingIntrospector} for the request's handler on every request and every
     * matcher tried: 6.5% of a single vote's CPU at the single door (docs/performance.md). The
     * patterns here are plain paths, the same under either; {@code AccessControlTest} and the
     * other access tests pin the rules.
     */
    @Bean
    static PathPatternRequestMatcherBuilderFactoryBean requestMatcherBuilder() {
        return new PathPatternRequestMatcherBuilderFactoryBean();
    }

    /**
     * With Spring Security's observations off ({@code management.observations.enable.spring.security},
     * false in application.yml), no observing wrapper either: without this bean Spring Security
     * still wraps every filter of every request, the authorization and the authentication in an
     * observation that the property then drops. Set the property to true and the wrappers and their
     * observations are back.
     */
    @Bean
    @ConditionalOnProperty(name = "management.observations.enable.spring.security", havingValue = "false")
    static SecurityObservationSettings noSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /**
     * Takes out the filter Spring Security puts before its chains to cache Spring MVC's handler
     * lookup for MVC request matchers: there are none here ({@link #requestMatcherBuilder}), yet the
     * filter looked the handler up on every request, a second time beside the DispatcherServlet's
     * own (10.6% of a single vote's request CPU). Runs after every definition is registered, when
     * the chain's definition holds that filter's; where a later version builds it differently,
     * nothing changes and {@code PathPatternMatchersTest} says so.
     */
    @Bean
    static BeanFactoryPostProcessor withoutHandlerLookupCache() {
        return factory -> {
            if (!factory.containsBeanDefinition(CHAIN)) {
                return;
            }
            ConstructorArgumentValues.ValueHolder filters = factory.getBeanDefinition(CHAIN)
                    .getConstructorArgumentValues().getIndexedArgumentValue(0, null);
            if (filters != null && filters.getValue() instanceof List<?> list && list.size() > 1) {
                list.removeIf(f -> f instanceof BeanDefinition d && d.getBeanClassName() != null
                        && d.getBeanClassName().endsWith("HandlerMappingIntrospectorCacheFilterFactoryBean"));
            }
        };
    }

    /** The name under which Spring Security registers its filter. */
    static final String CHAIN = "springSecurityFilterChain";

    @Bean
    public PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    @Bean
    @Profile("!" + ProductionSecurity.PROFILE)
    public AuthenticationManager authenticationManager(Accounts accounts, PasswordEncoder encoder, Clock clock) {
        DaoAuthenticationProvider dao = new DaoAuthenticationProvider(accounts);
        dao.setPasswordEncoder(encoder);
        ProviderManager manager = new ProviderManager(new CachingAuthenticationProvider(dao, clock, 300_000));
        manager.setEraseCredentialsAfterAuthentication(false); // the cached result is shared between requests
        return manager;
    }

    /**
     * The console: a sign-in form and a session. The pages' own calls go to the API, which reads
     * the same session (see {@link #api}); the API itself keeps HTTP Basic and never makes a session.
     * A sign-in always lands on {@code /console/}: the console's own routes are in the address's
     * fragment, which the browser keeps, and a saved request would add {@code ?continue}.
     */
    @Bean
    @Order(1)
    @Profile("!" + ProductionSecurity.PROFILE)
    public SecurityFilterChain console(HttpSecurity http, AuthenticationManager authenticationManager)
            throws Exception {
        http.securityMatcher("/console/**")
                .authenticationManager(authenticationManager)
                .headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives(PAGE_POLICY)))
                .formLogin(f -> f.loginPage("/console/login").loginProcessingUrl("/console/login")
                        .defaultSuccessUrl("/console/", true).failureUrl("/console/login?error").permitAll())
                .logout(l -> l.logoutUrl("/console/logout").logoutSuccessUrl("/console/login?signedOut"))
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/console/login", "/console/login.html", "/console/session").permitAll()
                        .anyRequest().authenticated());
        return http.build();
    }

    /** The public pages and the scripts and styles of every page: no sign-in, no session. */
    @Bean
    @Order(2)
    public SecurityFilterChain pages(HttpSecurity http) throws Exception {
        http.securityMatcher("/", "/index.html", "/results/**", "/public/**", "/assets/**", "/webjars/**",
                        "/favicon.ico")
                .csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives(PAGE_POLICY)))
                .authorizeHttpRequests(a -> a.requestMatchers(HttpMethod.GET, "/**").permitAll()
                        .requestMatchers(HttpMethod.HEAD, "/**").permitAll()
                        .anyRequest().denyAll());
        return http.build();
    }

    /**
     * Same-origin scripts and styles only: no inline script, nothing from another host. The pages
     * make no call beyond this server.
     */
    static final String PAGE_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; "
            + "form-action 'self'; frame-ancestors 'none'";

    @Bean
    @Order(3)
    @Profile("!" + ProductionSecurity.PROFILE)
    public SecurityFilterChain api(HttpSecurity http, AuthenticationManager authenticationManager,
                                   ObjectMapper mapper) throws Exception {
        http.csrf(c -> c.requireCsrfProtectionMatcher(SecurityConfig::needsCsrfToken))
                // the console's session is read here, never written: Basic clients stay stateless; the
                // request attribute carries the sign-in into a streamed answer's async dispatch
                .securityContext(c -> c.securityContextRepository(new DelegatingSecurityContextRepository(
                        new RequestAttributeSecurityContextRepository(), CONSOLE_SESSIONS)))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authenticationManager(authenticationManager)
                .httpBasic(b -> b.realmName("selection").authenticationEntryPoint((req, res, ex) ->
                        unauthenticated(req, res, mapper)))
                .exceptionHandling(x -> x
                        .authenticationEntryPoint((req, res, ex) -> unauthenticated(req, res, mapper))
                        .accessDeniedHandler((req, res, ex) -> write(req, res, mapper, ex instanceof CsrfException
                                ? new Refused("FORBIDDEN", "X-CSRF-TOKEN", ApiPhrase.CSRF)
                                : new Refused("FORBIDDEN", null, ApiPhrase.ROLE_FORBIDDEN))))
                .authorizeHttpRequests(SecurityConfig::apiRules);
        return http.build();
    }

    /** Who may call what, the same in every profile. */
    static void apiRules(
            AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry a) {
        a.requestMatchers("/actuator/health/**", "/actuator/health", "/actuator/info",
                        "/v3/api-docs/**", "/v3/api-docs", "/swagger-ui.html", "/swagger-ui/**", "/error")
                .permitAll()
                .requestMatchers(HttpMethod.POST, "/api/editions", E + "/transitions", E + "/works",
                        E + "/works:import", E + "/works/*/disqualification", E + "/reviewers",
                        E + "/vote-invalidations", "/api/admin/**").hasRole(ORGANISER)
                .requestMatchers(HttpMethod.POST, E + "/works/*/preliminary-scores",
                        E + "/works/*/final-scores").hasRole(REVIEWER)
                .requestMatchers(HttpMethod.POST, E + "/votes", E + "/votes:batch", E + "/votes:ceiling").hasRole(GATEWAY)
                .requestMatchers(HttpMethod.GET, E + "/votes/*/receipt").hasAnyRole(GATEWAY, AUDITOR)
                .requestMatchers(HttpMethod.GET, E + "/votes/*").hasAnyRole(GATEWAY, ORGANISER, AUDITOR)
                .requestMatchers(HttpMethod.GET, E + "/events", E + "/audit").hasRole(AUDITOR)
                .requestMatchers(HttpMethod.GET, "/api/admin/**").hasRole(ORGANISER)
                .requestMatchers(HttpMethod.POST, E + "/what-if").hasAnyRole(ORGANISER, AUDITOR)
                .requestMatchers(HttpMethod.GET, "/api/public/**").permitAll()
                // a witness signs in with its cosignature: the key is checked against the configured witnesses
                .requestMatchers(HttpMethod.POST, "/api/public/editions/*/checkpoint/cosignatures").permitAll()
                .requestMatchers(HttpMethod.GET, E + "/final-ranking", E + "/final-ranking.csv",
                        E + "/suspicious-vote-sets", E + "/reviewers")
                .hasAnyRole(ORGANISER, AUDITOR)
                .requestMatchers(HttpMethod.GET, E + "/works/**", E + "/preliminary-ranking",
                        E + "/shortlist", E + "/tallies", E + "/tallies/live", E + "/winners", E + "/diff",
                        E + "/preliminary-ranking.csv",
                        E + "/shortlist.csv", E + "/tallies.csv", E + "/winners.csv")
                .hasAnyRole(ORGANISER, REVIEWER, AUDITOR)
                // one of the four roles, not merely a valid sign-in: in prod an issuer also signs tokens
                // for people who have no business here (every local account has a role, so no change there)
                .requestMatchers(HttpMethod.GET, "/api/editions", E).hasAnyRole(ALL_ROLES)
                .anyRequest().hasAnyRole(ALL_ROLES);
    }

    private static final SessionReadingContextRepository CONSOLE_SESSIONS = new SessionReadingContextRepository();

    /**
     * When a write must carry the session's CSRF token: when it rides on a signed-in console
     * session, and when a browser says it comes from another site (a browser may hold cached Basic
     * credentials, which it would send along). An API client with HTTP Basic sends neither a session
     * nor those headers and needs no token.
     */
    private static boolean needsCsrfToken(HttpServletRequest request) {
        String method = request.getMethod();
        boolean safe = method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS")
                || method.equals("TRACE");
        return !safe && (CONSOLE_SESSIONS.containsContext(request) || fromAnotherSite(request));
    }

    private static boolean fromAnotherSite(HttpServletRequest request) {
        String site = request.getHeader("Sec-Fetch-Site");
        if (site != null) {
            return !site.equals("same-origin") && !site.equals("none");
        }
        String origin = request.getHeader("Origin");
        if (origin == null) {
            return false;
        }
        int port = request.getServerPort();
        String self = request.getScheme() + "://" + request.getServerName()
                + ((port == 80 && request.getScheme().equals("http")) || (port == 443 && request.getScheme().equals("https"))
                ? "" : ":" + port);
        return !origin.equalsIgnoreCase(self);
    }

    /**
     * A script asking with {@code X-Requested-With} gets no Basic challenge, so the browser shows no
     * password dialog and the console can send its user to the sign-in page instead.
     */
    private static void unauthenticated(HttpServletRequest req, HttpServletResponse res, ObjectMapper mapper)
            throws IOException {
        if (req.getHeader("X-Requested-With") == null) {
            res.setHeader("WWW-Authenticate", "Basic realm=\"selection\"");
        }
        write(req, res, mapper, new Refused("UNAUTHENTICATED", null, ApiPhrase.AUTHENTICATION_REQUIRED));
    }

    /** A refusal of the security chain: its code, the field at fault (or null) and its sentence. */
    record Refused(String code, String field, ApiPhrase phrase) {
    }

    /** Writes the refusal in the request's language (read off the request: no MVC context here). */
    static void write(HttpServletRequest req, HttpServletResponse res, ObjectMapper mapper, Refused refused)
            throws IOException {
        Language language = Words.of(req);
        ProblemDetail problem = ApiProblem.of(language, refused.code(), refused.field(), List.of(), refused.phrase());
        res.setStatus(problem.getStatus());
        res.setContentType(ApiProblem.PROBLEM_JSON.toString());
        ApiProblem.languageHeaders(language).forEach((name, values) -> res.setHeader(name, values.get(0)));
        mapper.writeValue(res.getOutputStream(), problem);
    }
}
