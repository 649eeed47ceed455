package io.selection.api.config;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.selection.api.web.BodyLimitFilter;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The limits on what a client sends ({@code selection.limits}, docs/operations.md): the body size
 * filter, and the JSON parser's nesting depth, string and number lengths, so that a deep or absurd
 * body is refused by the parser itself, early, and never reaches a stack overflow or a 5xx.
 */
@Configuration
public class LimitsConfig {

    @Bean
    public FilterRegistrationBean<BodyLimitFilter> bodyLimitFilter(SelectionProperties properties,
                                                                   ObjectMapper mapper) {
        FilterRegistrationBean<BodyLimitFilter> registration = new FilterRegistrationBean<>(
                new BodyLimitFilter(properties.limits(), mapper));
        registration.setOrder(BodyLimitFilter.ORDER);
        registration.addUrlPatterns("/*");
        return registration;
    }

    @Bean
    public Jackson2ObjectMapperBuilderCustomizer jsonReadLimits(SelectionProperties properties) {
        SelectionProperties.Limits limits = properties.limits();
        StreamReadConstraints constraints = StreamReadConstraints.builder()
                .maxNestingDepth(limits.jsonDepth())
                .maxStringLength(limits.jsonStringChars())
                .maxNumberLength(limits.jsonNumberChars())
                .build();
        return builder -> builder.postConfigurer(mapper -> mapper.getFactory().setStreamReadConstraints(constraints));
    }
}
