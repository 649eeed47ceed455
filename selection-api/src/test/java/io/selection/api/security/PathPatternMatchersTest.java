package io.selection.api.security;

import io.selection.api.ApiTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.web.DefaultSecurityFilterChain;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.security.web.ObservationFilterChainDecorator;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.test.util.ReflectionTestUtils;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chains match their paths as path patterns on the request's own path, not the way Spring MVC
 * would map the request: an MVC matcher asks the handler mappings for the request's handler on
 * every request and every matcher tried (docs/performance.md). What each path may do is pinned by
 * {@code AccessControlTest}; this pins how they are matched.
 */
class PathPatternMatchersTest extends ApiTestBase {

    @Autowired
    List<SecurityFilterChain> chains;
    @Autowired
    @org.springframework.beans.factory.annotation.Qualifier(SecurityConfig.CHAIN)
    jakarta.servlet.Filter springSecurity;

    @Test
    void every_chain_matches_paths_as_path_patterns() {
        assertThat(chains).hasSizeGreaterThanOrEqualTo(3);
        for (SecurityFilterChain chain : chains) {
            String matcher = ((DefaultSecurityFilterChain) chain).getRequestMatcher().toString();
            assertThat(matcher).as("the chain's matcher").doesNotContain("Mvc").doesNotContain("Deferred");
            if (!matcher.startsWith("any request")) {
                assertThat(matcher).contains("PathPattern");
            }
        }
    }

    /**
     * Nothing looks Spring MVC's handler up before the chains (no MVC matcher reads it), and no
     * filter is wrapped in an observation while Spring Security's observations are off
     * (application.yml).
     */
    @Test
    void no_handler_lookup_before_the_chains_and_no_observing_wrappers() {
        List<Object> filters = new java.util.ArrayList<>();
        unwrap(springSecurity, filters);
        assertThat(filters).as("the filters before and around the chains")
                .noneMatch(f -> f.getClass().getName().contains("HandlerMappingIntrospector"));
        List<Object> proxies = filters.stream().filter(f -> f.getClass() == FilterChainProxy.class).toList();
        assertThat(proxies).hasSize(1);
        assertThat(ReflectionTestUtils.getField(proxies.get(0), "filterChainDecorator"))
                .isNotInstanceOf(ObservationFilterChainDecorator.class);
    }

    /** The filter and those it delegates to, through Spring Security's composite proxies. */
    private static void unwrap(Object filter, List<Object> into) {
        into.add(filter);
        if (filter instanceof FilterChainProxy && filter.getClass() != FilterChainProxy.class) {
            Object delegate = ReflectionTestUtils.getField(filter, "doFilterDelegate");
            into.add(delegate);
            for (Object inner : (List<?>) ReflectionTestUtils.getField(delegate, "filters")) {
                unwrap(inner, into);
            }
        }
    }
}
