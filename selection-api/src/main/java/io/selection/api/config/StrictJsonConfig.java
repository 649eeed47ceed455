package io.selection.api.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
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
                    return Instant.parse(parser.getText().trim());
                } catch (DateTimeParseException e) {
                    return (Instant) context.handleWeirdStringValue(Instant.class, parser.getText(),
                            "not an ISO-8601 instant");
                }
            }
        });
        return builder -> builder.modulesToInstall(module);
    }
}
