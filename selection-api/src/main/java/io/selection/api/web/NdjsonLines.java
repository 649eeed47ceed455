package io.selection.api.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Reads an NDJSON body line by line into validated records: each good line goes to the consumer
 * with its 1-based line number, each bad one comes back with a detail naming the field at fault.
 */
@Component
public class NdjsonLines {

    public static final String MEDIA_TYPE = "application/x-ndjson";

    private final ObjectMapper mapper;
    private final Validator validator;

    public NdjsonLines(ObjectMapper mapper, Validator validator) {
        this.mapper = mapper;
        this.validator = validator;
    }

    public record BadLine(int line, String field, String detail) {
    }

    public <T> List<BadLine> read(String body, Class<T> type, BiConsumer<Integer, T> consumer) {
        List<BadLine> bad = new ArrayList<>();
        if (body == null) {
            return bad;
        }
        String[] lines = body.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int lineNo = i + 1;
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            T value;
            try {
                value = mapper.readValue(line, type);
            } catch (JsonMappingException e) {
                String field = e.getPath().isEmpty() ? null : ProblemHandler.fieldPath(e.getPath());
                bad.add(new BadLine(lineNo, field, field == null ? "not a JSON object of the expected shape"
                        : field + " has the wrong type or format"));
                continue;
            } catch (JsonProcessingException e) {
                bad.add(new BadLine(lineNo, null, "not valid JSON"));
                continue;
            }
            if (value == null) {
                bad.add(new BadLine(lineNo, null, "null is not a record"));
                continue;
            }
            Set<ConstraintViolation<T>> violations = validator.validate(value);
            if (!violations.isEmpty()) {
                ConstraintViolation<T> first = violations.stream()
                        .min(Comparator.comparing(v -> v.getPropertyPath().toString())).orElseThrow();
                String field = first.getPropertyPath().toString();
                bad.add(new BadLine(lineNo, field, field + ": " + first.getMessage()));
                continue;
            }
            consumer.accept(lineNo, value);
        }
        return bad;
    }
}
