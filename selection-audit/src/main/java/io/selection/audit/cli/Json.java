package io.selection.audit.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.selection.recount.Explanation;

/**
 * The one Jackson set-up of the tool, built once and shared (mappers and readers are thread-safe).
 * Lines are read as plain JSON values (maps, lists, strings, Integer/Long, ...) because that is
 * what {@link io.selection.audit.format.LogLine#fromJson} and the canonical hashing take. Trailing content
 * after a line's object and duplicate keys are refused: a line must mean the same to every reader.
 */
final class Json {

    static final ObjectMapper MAPPER = mapper();

    /** Any JSON value as plain Java values: objects become LinkedHashMaps, arrays ArrayLists. */
    static final ObjectReader VALUE = MAPPER.readerFor(Object.class);

    static final ObjectWriter PRETTY = MAPPER.writerWithDefaultPrettyPrinter();

    private Json() {
    }

    private static ObjectMapper mapper() {
        JsonMapper.Builder builder = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
        for (Class<?> type : Explanation.NULLS_OMITTED) {
            builder.addMixIn(type, NullsOmitted.class);
        }
        return builder.build();
    }

    /** An explanation's parts that do not apply are absent, as the service writes them. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    private interface NullsOmitted {
    }
}
