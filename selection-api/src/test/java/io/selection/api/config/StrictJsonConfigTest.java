package io.selection.api.config;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StrictJsonConfigTest {

    @ParameterizedTest
    @ValueSource(strings = {"2024-02-27T02:00:00Z", "2024-02-29T23:59:59.5Z", "1970-01-01T00:00:00Z",
            "2024-03-04T15:59:59.999999999Z", "2023-12-31T16:00:00.123Z", "9999-12-31T23:59:59Z",
            "2024-01-31T10:00:00Z", "+10000-01-01T00:00:00Z", "2024-06-30T23:59:60Z", "2024-02-27T24:00:00Z",
            "2024-02-27T02:00:00.Z"})
    void the_fast_path_reads_exactly_what_instant_parse_reads(String text) {
        assertThat(StrictJsonConfig.parseIso(text)).isEqualTo(Instant.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-02-27T02:00:00", "2024-13-01T00:00:00Z", "2024-02-30T00:00:00Z",
            "2024-02-27 02:00:00Z", "2024-02-27T02:00:00.1234567890Z", "x"})
    void what_instant_parse_refuses_is_refused(String text) {
        assertThatThrownBy(() -> StrictJsonConfig.parseIso(text)).isInstanceOf(DateTimeParseException.class);
    }

    @org.junit.jupiter.api.Test
    void random_instants_round_trip_through_their_text() {
        Random random = new Random(7);
        for (int i = 0; i < 10_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(0, 253_402_300_799L), random.nextInt(1_000_000_000));
            assertThat(StrictJsonConfig.parseIso(instant.toString())).isEqualTo(instant);
        }
    }

    /** The service's mapper as Boot builds it with this configuration's customizer. */
    static com.fasterxml.jackson.databind.ObjectMapper serviceMapper() {
        org.springframework.http.converter.json.Jackson2ObjectMapperBuilder builder =
                new org.springframework.http.converter.json.Jackson2ObjectMapperBuilder();
        new StrictJsonConfig().isoInstantsOnly().customize(builder);
        return builder.build();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"\\u0000COLLECTING\"", "\"COLLECTING \"", "\" COLLECTING\"", "\"\\tCOLLECTING\""})
    void a_stage_is_named_exactly_not_after_trimming(String json) {
        assertThatThrownBy(() -> serviceMapper().readValue(json, io.selection.edition.Stage.class))
                .isInstanceOf(com.fasterxml.jackson.databind.exc.InvalidFormatException.class);
    }

    @org.junit.jupiter.api.Test
    void an_exact_stage_name_still_reads() throws Exception {
        assertThat(serviceMapper().readValue("\"COLLECTING\"", io.selection.edition.Stage.class))
                .isEqualTo(io.selection.edition.Stage.COLLECTING);
    }
}
