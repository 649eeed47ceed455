package io.selection.api.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.selection.api.web.ApiProblem;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;

import java.io.IOException;
import java.time.Clock;
import java.util.List;

import static io.selection.api.security.Roles.AUDITOR;
import static io.selection.api.security.Roles.GATEWAY;
import static io.selection.api.security.Roles.ORGANISER;
import static io.selection.api.security.Roles.REVIEWER;

/** HTTP Basic with the local accounts; who may do what, endpoint by endpoint, as in API.md. */
@Configuration
public class SecurityConfig {

    private static final String E = "/api/editions/*";

    @Bean
    public PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    @Bean
    public AuthenticationManager authenticationManager(Accounts accounts, PasswordEncoder encoder, Clock clock) {
        DaoAuthenticationProvider dao = new DaoAuthenticationProvider(accounts);
        dao.setPasswordEncoder(encoder);
        ProviderManager manager = new ProviderManager(new CachingAuthenticationProvider(dao, clock, 300_000));
        manager.setEraseCredentialsAfterAuthentication(false); // the cached result is shared between requests
        return manager;
    }

    @Bean
    public SecurityFilterChain api(HttpSecurity http, AuthenticationManager authenticationManager,
                                   ObjectMapper mapper) throws Exception {
        http.csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authenticationManager(authenticationManager)
                .httpBasic(b -> b.realmName("selection").authenticationEntryPoint((req, res, ex) -> {
                    res.setHeader("WWW-Authenticate", "Basic realm=\"selection\"");
                    write(res, mapper, ApiProblem.of("UNAUTHENTICATED", "authentication is required", null,
                            List.of()));
                }))
                .exceptionHandling(x -> x
                        .authenticationEntryPoint((req, res, ex) -> {
                            res.setHeader("WWW-Authenticate", "Basic realm=\"selection\"");
                            write(res, mapper, ApiProblem.of("UNAUTHENTICATED", "authentication is required",
                                    null, List.of()));
                        })
                        .accessDeniedHandler((req, res, ex) -> write(res, mapper, ApiProblem.of("FORBIDDEN",
                                "your role may not do this", null, List.of()))))
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/actuator/health/**", "/actuator/health", "/actuator/info",
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
                        .requestMatchers(HttpMethod.GET, "/api/public/**").permitAll()
                        .requestMatchers(HttpMethod.GET, E + "/final-ranking", E + "/final-ranking.csv",
                                E + "/suspicious-vote-sets")
                        .hasAnyRole(ORGANISER, AUDITOR)
                        .requestMatchers(HttpMethod.GET, E + "/works/**", E + "/preliminary-ranking",
                                E + "/shortlist", E + "/tallies", E + "/winners", E + "/preliminary-ranking.csv",
                                E + "/shortlist.csv", E + "/tallies.csv", E + "/winners.csv")
                        .hasAnyRole(ORGANISER, REVIEWER, AUDITOR)
                        .requestMatchers(HttpMethod.GET, "/api/editions", E).authenticated()
                        .anyRequest().authenticated());
        return http.build();
    }

    private static void write(HttpServletResponse res, ObjectMapper mapper, ProblemDetail problem)
            throws IOException {
        res.setStatus(problem.getStatus());
        res.setContentType(ApiProblem.PROBLEM_JSON.toString());
        mapper.writeValue(res.getOutputStream(), problem);
    }
}
