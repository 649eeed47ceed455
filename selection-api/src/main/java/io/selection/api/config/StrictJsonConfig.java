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
import io.selection.audit.format.IsoTimes;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Times are ISO-8601 strings (docs/api.md); Jackson would otherwise take a number as epoch seconds.
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
        // added to the modules Spring Boot found (the Module beans, such as SelectionJsonModule), not in their place
        return builder -> builder.modulesToInstall(modules -> modules.add(module));
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
     * {@link Instant#parse}, fast for the form every event and front-end uses
     * ({@code 2024-02-27T02:00:00Z}, optionally with a fraction): the read models parse two per
     * vote decision, and the general formatter was a fifth of their time. One parser for the
     * service and the export, {@link IsoTimes#instant}: it reads every valid date of that form
     * itself (29 February and the 29th to 31st included) and leaves anything else to
     * {@code Instant.parse}, which decides.
     */
    public static Instant parseIso(String text) {
        return IsoTimes.instant(text);
    }
}
