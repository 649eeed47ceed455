package io.selection.api.security;

import io.selection.api.ApiTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.web.DefaultSecurityFilterChain;
import org.springframework.security.web.SecurityFilterChain;

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
}
