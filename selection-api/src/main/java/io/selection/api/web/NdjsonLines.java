package io.selection.api.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import io.selection.api.config.SelectionProperties;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.selection.recount.Language;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Reads an NDJSON body line by line into validated records, within the limits of
 * {@link BoundedLines}: each good line comes back with its 1-based line number, each bad one with
 * a detail naming the field at fault, in the reader's language.
 */
@Component
public class NdjsonLines {

    public static final String MEDIA_TYPE = "application/x-ndjson";

    private final ObjectMapper mapper;
    private final Validator validator;

    private final BoundedLines lines;

    @Autowired
    public NdjsonLines(ObjectMapper mapper, Validator validator, SelectionProperties properties) {
        this(mapper, validator, properties.limits());
    }

    public NdjsonLines(ObjectMapper mapper, Validator validator, SelectionProperties.Limits limits) {
        this.mapper = mapper;
        this.validator = validator;
        this.lines = new BoundedLines(limits);
    }

    public record BadLine(int line, String field, String detail) {
    }

    /** A good line: its number and its record. */
    public record Line<T>(int line, T value) {
    }

    /** Every line of a body read: the good ones in order, and the bad ones. */
    public record Read<T>(List<Line<T>> good, List<BadLine> bad) {
    }

    /**
     * Reads the whole body, line by line within the limits, before anything is done with it: a body
     * over a limit fails with {@link TooLarge} having changed nothing.
     */
    public <T> Read<T> read(InputStream body, Class<T> type) throws IOException {
        List<Line<T>> good = new ArrayList<>();
        List<BadLine> bad = new ArrayList<>();
        Language language = Words.current();
        lines.readTrimmed(body, (lineNo, bytes, from, length) -> {
            int to = from + length;
            T value;
            try {
                value = mapper.readValue(bytes, from, to - from, type);
            } catch (StreamConstraintsException e) {
                // a line too deep or with an absurd string or number is that line's fault only
                bad.add(new BadLine(lineNo, null, JsonLimits.explain(e).detail(language)));
                return;
            } catch (JsonMappingException e) {
                String field = e.getPath().isEmpty() ? null : ProblemHandler.fieldPath(e.getPath());
                bad.add(new BadLine(lineNo, field, field == null ? Words.say(language, ApiPhrase.LINE_NOT_AN_OBJECT)
                        : Words.say(language, ApiPhrase.WRONG_TYPE_OR_FORMAT, field)));
                return;
            } catch (JsonProcessingException e) {
                if (!new String(bytes, from, to - from, StandardCharsets.UTF_8).strip().isEmpty()) {
                    bad.add(new BadLine(lineNo, null, Words.say(language, ApiPhrase.LINE_NOT_JSON)));
                }
                return;
            }
            if (value == null) {
                bad.add(new BadLine(lineNo, null, Words.say(language, ApiPhrase.LINE_NULL)));
                return;
            }
            Set<ConstraintViolation<T>> violations = validator.validate(value);
            if (!violations.isEmpty()) {
                ConstraintViolation<T> first = violations.stream()
                        .min(Comparator.comparing(v -> v.getPropertyPath().toString())).orElseThrow();
                String field = first.getPropertyPath().toString();
                bad.add(new BadLine(lineNo, field, Words.say(language, ApiPhrase.FIELD_INVALID, field,
                        first.getMessage())));
                return;
            }
            good.add(new Line<>(lineNo, value));
        });
        return new Read<>(good, bad);
    }
}
