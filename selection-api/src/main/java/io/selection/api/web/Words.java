package io.selection.api.web;

import io.selection.common.DomainException;
import io.selection.common.Phrase;
import io.selection.recount.Language;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.MessageSource;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * The reader's language, and the service's words in it. The language is asked for with
 * {@code Accept-Language} (docs/api.md, Conventions): Chinese when the first range naming English
 * or Chinese names Chinese, else English. A sentence's English is its {@link Phrase}'s own; its
 * Chinese is in the message bundles ({@code messages_zh.properties}, by the phrase's key), which are
 * also the application's {@code MessageSource} (so the validator says a field's fault in the same
 * language). A value that is an enum (a stage) is said by its own key ({@code stage.VOTING}), its
 * name where the bundle has none; every other value as its text.
 */
public final class Words {

    /** messages.properties and messages_zh.properties, UTF-8, never the machine's own locale's. */
    static final ResourceBundleMessageSource BUNDLES = bundles();

    private Words() {
    }

    /** The bundles, as the application's message source. */
    public static MessageSource messages() {
        return BUNDLES;
    }

    private static ResourceBundleMessageSource bundles() {
        ResourceBundleMessageSource bundles = new ResourceBundleMessageSource();
        bundles.setBasename("messages");
        bundles.setDefaultEncoding(StandardCharsets.UTF_8.name());
        // an English reader on a machine set to Chinese still reads English
        bundles.setFallbackToSystemLocale(false);
        return bundles;
    }

    /**
     * Chinese when the first of the {@code Accept-Language} ranges that names English or Chinese
     * names Chinese (any region); else English, also for no header or one that cannot be read.
     */
    public static Language of(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return Language.EN;
        }
        List<Locale.LanguageRange> ranges;
        try {
            ranges = Locale.LanguageRange.parse(acceptLanguage); // by weight, the most wanted first
        } catch (IllegalArgumentException unreadable) {
            return Language.EN;
        }
        for (Locale.LanguageRange range : ranges) {
            String primary = range.getRange().split("-", 2)[0];
            if (range.getWeight() > 0 && (primary.equals("zh") || primary.equals("en"))) {
                return primary.equals("zh") ? Language.ZH : Language.EN;
            }
        }
        return Language.EN;
    }

    public static Language of(HttpServletRequest request) {
        return of(request.getHeader(HttpHeaders.ACCEPT_LANGUAGE));
    }

    /** The language of the request being answered on this thread; English outside a request. */
    public static Language current() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes request
                ? of(request.getRequest()) : Language.EN;
    }

    public static Locale locale(Language language) {
        return language == Language.ZH ? Locale.SIMPLIFIED_CHINESE : Locale.ENGLISH;
    }

    /** The sentence in the language: English from the phrase, other languages from the bundles. */
    public static String say(Language language, Phrase phrase, Object... values) {
        if (language == Language.EN) {
            return phrase.say(values);
        }
        Object[] said = new Object[values.length];
        for (int i = 0; i < values.length; i++) {
            said[i] = values[i] instanceof Enum<?> e
                    ? new DefaultMessageSourceResolvable(new String[]{
                    e.getDeclaringClass().getSimpleName().toLowerCase(Locale.ROOT) + "." + e.name()}, e.name())
                    : String.valueOf(values[i]);
        }
        String text = BUNDLES.getMessage(phrase.key(), said, null, locale(language));
        return text != null ? text : phrase.say(values);
    }

    /** The refusal's detail in the language; its English message where it was not said as a phrase. */
    public static String say(Language language, DomainException e) {
        return e.phrase() == null ? e.getMessage() : say(language, e.phrase(), e.values().toArray());
    }

    /** A problem's title: the status's reason phrase, in the language. */
    public static String title(Language language, HttpStatus status) {
        return language == Language.EN ? status.getReasonPhrase()
                : BUNDLES.getMessage("title." + status.value(), null, status.getReasonPhrase(), locale(language));
    }
}
