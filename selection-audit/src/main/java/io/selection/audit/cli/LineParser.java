package io.selection.audit.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.selection.audit.format.LogLine;
import io.selection.audit.verifier.Verifier;

import java.io.IOException;
import java.util.Map;
import java.util.Set;

/** Turns the bytes of one NDJSON line into a {@link LogItem}; never throws for bad content. */
final class LineParser {

    private static final Set<String> LINE_FIELDS = Set.of("at", "chain", "data", "hash", "seq", "type", "v");

    private LineParser() {
    }

    static LogItem parse(byte[] buf, int off, int len, long lineNumber, long end) {
        if (len == 0) {
            return new LogItem.Unreadable(lineNumber, "empty line", end);
        }
        Object value;
        try {
            value = Json.VALUE.readValue(buf, off, len);
        } catch (JsonProcessingException e) {
            return new LogItem.Unreadable(lineNumber, "not JSON: " + e.getOriginalMessage(), end);
        } catch (IOException e) {
            return new LogItem.Unreadable(lineNumber, "not JSON: " + e.getMessage(), end);
        }
        return item(value, lineNumber, end);
    }

    @SuppressWarnings("unchecked")
    static LogItem item(Object value, long lineNumber, long end) {
        if (!(value instanceof Map<?, ?> map)) {
            return new LogItem.Unreadable(lineNumber, "not a JSON object", end);
        }
        if (map.containsKey("head")) {
            return head((Map<String, Object>) map, lineNumber, end);
        }
        for (Object key : map.keySet()) {
            if (!LINE_FIELDS.contains(key)) {
                return new LogItem.Unreadable(lineNumber, "unexpected field \"" + key + "\" (a line has "
                        + "at, chain, data, hash, seq, type and v)", end);
            }
        }
        try {
            return new LogItem.Line(Verifier.prepare(LogLine.fromJson((Map<String, Object>) map)), end);
        } catch (RuntimeException e) {
            return new LogItem.Unreadable(lineNumber, e.getMessage(), end);
        }
    }

    private static LogItem head(Map<String, Object> line, long lineNumber, long end) {
        if (line.size() != 2 || !isInteger(line.get("v"))) {
            return new LogItem.Unreadable(lineNumber, "a closing line is {\"head\":{...},\"v\":1}", end);
        }
        if (!LogLine.known(((Number) line.get("v")).longValue())) {
            return new LogItem.Unreadable(lineNumber, "closing line of format v" + line.get("v") + ", expected v1 or v2",
                    end);
        }
        if (!(line.get("head") instanceof Map<?, ?> head) || !isInteger(head.get("size"))
                || !(head.get("digest") instanceof String digest) || !(head.get("chain") instanceof String chain)) {
            return new LogItem.Unreadable(lineNumber, "the closing line's head needs the integer size and the "
                    + "strings digest and chain", end);
        }
        java.util.List<String> checkpoints = new java.util.ArrayList<>();
        if (head.get("checkpoints") != null) {
            if (!(head.get("checkpoints") instanceof java.util.List<?> notes)
                    || !notes.stream().allMatch(n -> n instanceof String)) {
                return new LogItem.Unreadable(lineNumber, "the closing line's checkpoints are a list of signed notes "
                        + "(strings)", end);
            }
            notes.forEach(n -> checkpoints.add((String) n));
        }
        return new LogItem.Head(((Number) head.get("size")).longValue(), digest, chain, checkpoints,
                ((Number) line.get("v")).intValue(), end);
    }

    private static boolean isInteger(Object o) {
        return o instanceof Integer || o instanceof Long;
    }
}
