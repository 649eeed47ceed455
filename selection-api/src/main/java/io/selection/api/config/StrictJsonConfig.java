package io.selection.api.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Times are ISO-8601 strings (API.md); Jackson would otherwise take a number as epoch seconds.
 * Dates and stages are held strict by {@code spring.jackson.default-leniency=false} and
 * {@code fail-on-numbers-for-enums}.
 */
@Configuration
public class StrictJsonConfig {

    @Bean
    public Jackson2ObjectMapperBuilderCustomizer isoInstantsOnly() {
        SimpleModule module = new SimpleModule("iso-instants-only");
        module.addDeserializer(Instant.class, new JsonDeserializer<>() {
            @Override
            public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
                if (parser.currentToken() != JsonToken.VALUE_STRING) {
                    return (Instant) context.handleUnexpectedToken(Instant.class, parser);
                }
                try {
                    return parseIso(parser.getText().trim());
                } catch (DateTimeParseException e) {
                    return (Instant) context.handleWeirdStringValue(Instant.class, parser.getText(),
                            "not an ISO-8601 instant");
                }
            }
        });
        module.setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyEnumDeserializer(DeserializationConfig config, JavaType type,
                                                              BeanDescription description,
                                                              JsonDeserializer<?> deserializer) {
                return new ExactEnumNames(deserializer);
            }
        });
        return builder -> builder.modulesToInstall(module);
    }

    /**
     * An enum named exactly: Jackson trims what it cannot find, so {@code "\u0000COLLECTING"} or
     * {@code "COLLECTING "} moved an edition on (found by the hostile-input run). A name with
     * anything Jackson would trim is refused as a wrong format.
     */
    static final class ExactEnumNames extends DelegatingDeserializer {

        ExactEnumNames(JsonDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
            return new ExactEnumNames(delegate);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.currentToken() == JsonToken.VALUE_STRING) {
                String text = parser.getText();
                if (!text.isEmpty() && (text.charAt(0) <= ' ' || text.charAt(text.length() - 1) <= ' ')) {
                    return context.handleWeirdStringValue(handledType(), text, "not exactly a name of the value");
                }
            }
            return super.deserialize(parser, context);
        }
    }

    /**
     * {@link Instant#parse}, with a fast path for the form every event and front-end uses
     * ({@code 2024-02-27T02:00:00Z}, optionally with a fraction): the read models parse two per
     * vote decision, and the general formatter was a fifth of their time. Anything else, and any
     * out-of-range field, goes to {@code Instant.parse}, which decides.
     */
    public static Instant parseIso(String text) {
        int n = text.length();
        if (n >= 20 && text.charAt(4) == '-' && text.charAt(7) == '-' && text.charAt(10) == 'T'
                && text.charAt(13) == ':' && text.charAt(16) == ':' && text.charAt(n - 1) == 'Z') {
            int year = digits(text, 0, 4);
            int month = digits(text, 5, 7);
            int day = digits(text, 8, 10);
            int hour = digits(text, 11, 13);
            int minute = digits(text, 14, 16);
            int second = digits(text, 17, 19);
            int nanos = 0;
            boolean ok = year >= 0 && month >= 1 && month <= 12 && day >= 1 && day <= 28 && hour >= 0 && hour <= 23
                    && minute >= 0 && minute <= 59 && second >= 0 && second <= 59;
            if (ok && n > 20) {
                int fraction = n - 21;
                ok = text.charAt(19) == '.' && fraction >= 1 && fraction <= 9;
                int value = ok ? digits(text, 20, n - 1) : -1;
                ok = ok && value >= 0;
                if (ok) {
                    nanos = value;
                    for (int i = fraction; i < 9; i++) {
                        nanos *= 10;
                    }
                }
            } else if (ok) {
                ok = n == 20;
            }
            if (ok) {
                long epochDay = java.time.LocalDate.of(year, month, day).toEpochDay();
                return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
            }
        }
        return Instant.parse(text);
    }

    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
