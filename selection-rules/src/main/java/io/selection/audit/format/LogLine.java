package io.selection.audit.format;

import java.util.Map;
import java.util.TreeMap;

/**
 * One line of an edition's exported log (format {@link #RAW} or {@link #PUBLIC}): its place {@code seq} from 1,
 * the event's {@code type}, its time {@code at}, its {@code data} as plain JSON values, and its
 * hash fields (lowercase hex; null until computed). The same object is written by the server and
 * read back by the verifier, so both hash exactly the same values.
 */
public record LogLine(int v, long seq, String type, String at, Map<String, Object> data, String hash, String chain) {

    /** Format 1: the vote columns hold the raw voter id, address and device. Still read and verified. */
    public static final int RAW = 1;

    /**
     * Format 2, the public log: the vote columns {@code voter}, {@code ip} and {@code device} and an
     * invalidation's {@code key} hold keyed {@link Pseudonyms} instead of the raw values.
     */
    public static final int PUBLIC = 2;

    /** Whether {@code v} is a format this code reads. */
    public static boolean known(long v) {
        return v == RAW || v == PUBLIC;
    }

    public LogLine withHashes(String hash, String chain) {
        return new LogLine(v, seq, type, at, data, hash, chain);
    }

    /** The whole line as a JSON object with sorted keys, ready for {@link Canonical}. */
    public Map<String, Object> toJson() {
        Map<String, Object> line = new TreeMap<>();
        line.put("at", at);
        line.put("chain", chain);
        line.put("data", data);
        line.put("hash", hash);
        line.put("seq", seq);
        line.put("type", type);
        line.put("v", v);
        return line;
    }

    /** Reads a parsed JSON object back; throws IllegalArgumentException naming the bad field. */
    @SuppressWarnings("unchecked")
    public static LogLine fromJson(Map<String, Object> json) {
        Object v = json.get("v");
        Object seq = json.get("seq");
        Object data = json.get("data");
        if (!(v instanceof Integer || v instanceof Long) || !(seq instanceof Integer || seq instanceof Long)) {
            throw new IllegalArgumentException("a line needs the integers v and seq");
        }
        if (!(json.get("type") instanceof String type) || !(json.get("at") instanceof String at)) {
            throw new IllegalArgumentException("a line needs the strings type and at");
        }
        if (!(data instanceof Map)) {
            throw new IllegalArgumentException("a line needs an object data");
        }
        Object hash = json.get("hash");
        Object chain = json.get("chain");
        return new LogLine(((Number) v).intValue(), ((Number) seq).longValue(), type, at, (Map<String, Object>) data,
                hash instanceof String h ? h : null, chain instanceof String c ? c : null);
    }
}
