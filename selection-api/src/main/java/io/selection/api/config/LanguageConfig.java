package io.selection.api.config;

import io.selection.api.web.Words;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;

import java.util.Locale;

/**
 * The reader's language for everything Spring says on the service's behalf: the message bundles
 * are the application's message source (the validator's words for a field come from them), and the
 * locale of a request is the language {@link Words} reads from its {@code Accept-Language}, so a
 * field's fault and the problem around it are in one language.
 */
@Configuration
public class LanguageConfig {

    @Bean
    public MessageSource messageSource() {
        return Words.messages();
    }

    @Bean
    public LocaleResolver localeResolver() {
        return new LocaleResolver() {
            @Override
            public Locale resolveLocale(HttpServletRequest request) {
                return Words.locale(Words.of(request));
            }

            @Override
            public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
                throw new UnsupportedOperationException("the language is the reader's Accept-Language");
            }
        };
    }
}
