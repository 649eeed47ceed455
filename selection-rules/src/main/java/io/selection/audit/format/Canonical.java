package io.selection.audit.format;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * Canonical JSON (RFC 8785, JCS) for the values audit records are made of, so that the same record
 * always hashes to the same bytes, whoever builds it. Only strings, safe integers, booleans, null,
 * lists and string-keyed maps are accepted: anything else (floating point above all) is refused
 * rather than given an encoding that another implementation might not reproduce.
 */
public final class Canonical {

    /** 2^53 - 1: beyond it an integer is not exactly representable as an IEEE 754 double. */
    private static final long MAX_SAFE_INTEGER = (1L << 53) - 1;

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TRUE = "true".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FALSE = "false".getBytes(StandardCharsets.US_ASCII);
    private static final Map.Entry<?, ?>[] NO_ENTRIES = new Map.Entry<?, ?>[0];

    private byte[] buffer = new byte[256];
    private int length;

    private Canonical() {
    }

    /** The canonical form, UTF-8 encoded: the bytes to hash. */
    public static byte[] bytes(Object value) {
        Canonical out = new Canonical();
        out.writeValue(value);
        return Arrays.copyOf(out.buffer, out.length);
    }

    /**
     * An object of string (or null) values under keys already in canonical order: the fast path for
     * the millions of vote entries of a log, the same bytes as {@link #bytes} of the equal map.
     */
    public static byte[] object(String[] sortedKeys, String[] values) {
        Canonical out = new Canonical();
        out.writeStringObject(sortedKeys, values);
        return Arrays.copyOf(out.buffer, out.length);
    }

    private static final ThreadLocal<Canonical> REUSED = ThreadLocal.withInitial(Canonical::new);

    /** What is done with canonical bytes lent for a moment: {@code buffer[0..length)}, not to be kept. */
    @FunctionalInterface
    public interface Lent<R> {
        R apply(byte[] buffer, int length);
    }

    /**
     * {@code use} applied to {@link #object}'s bytes, without allocating them (a buffer of this
     * thread's is lent): one per vote, for its leaf hash.
     */
    public static <R> R object(String[] sortedKeys, String[] values, Lent<R> use) {
        Canonical out = REUSED.get();
        out.length = 0;
        out.writeStringObject(sortedKeys, values);
        return use.apply(out.buffer, out.length);
    }

    private void writeStringObject(String[] sortedKeys, String[] values) {
        writeAscii('{');
        for (int i = 0; i < sortedKeys.length; i++) {
            if (i > 0) {
                writeAscii(',');
            }
            writeString(sortedKeys[i]);
            writeAscii(':');
            if (values[i] == null) {
                writeRaw(NULL);
            } else {
                writeString(values[i]);
            }
        }
        writeAscii('}');
    }

    /**
     * The keys of objects of string values, encoded once: each key's bytes with the brace or comma
     * before it and the colon after, so an object of millions (a log's vote entries) writes only
     * its values. The same bytes as {@link #object(String[], String[])}.
     */
    public static final class Keys {
        private final byte[][] prefixes;

        public Keys(String[] sortedKeys) {
            prefixes = new byte[sortedKeys.length][];
            for (int i = 0; i < sortedKeys.length; i++) {
                Canonical out = new Canonical();
                out.writeAscii(i == 0 ? '{' : ',');
                out.writeString(sortedKeys[i]);
                out.writeAscii(':');
                prefixes[i] = Arrays.copyOf(out.buffer, out.length);
            }
        }

        public int size() {
            return prefixes.length;
        }
    }

    /** As {@link #object(String[], String[], Lent)}, with the keys encoded once. */
    public static <R> R object(Keys keys, String[] values, Lent<R> use) {
        Canonical out = REUSED.get();
        out.length = 0;
        byte[][] prefixes = keys.prefixes;
        for (int i = 0; i < prefixes.length; i++) {
            out.writeRaw(prefixes[i]);
            if (values[i] == null) {
                out.writeRaw(NULL);
            } else {
                out.writeString(values[i]);
            }
        }
        if (prefixes.length == 0) {
            out.writeAscii('{');
        }
        out.writeAscii('}');
        return use.apply(out.buffer, out.length);
    }

    public static String string(Object value) {
        return new String(bytes(value), StandardCharsets.UTF_8);
    }

    /** For assembling text; {@link #bytes} is the faster path to a hash. */
    public static void write(Object value, StringBuilder out) {
        out.append(string(value));
    }

    private void writeValue(Object value) {
        if (value instanceof String s) {
            writeString(s);
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            writeInteger(((Number) value).longValue());
        } else if (value instanceof Map<?, ?> map) {
            writeObject(map);
        } else if (value instanceof List<?> list) {
            writeArray(list);
        } else if (value instanceof Boolean b) {
            writeRaw(b ? TRUE : FALSE);
        } else if (value == null) {
            writeRaw(NULL);
        } else {
            throw new IllegalArgumentException("no canonical JSON form for " + value.getClass().getName());
        }
    }

    private void writeArray(List<?> list) {
        writeAscii('[');
        boolean first = true;
        for (Object element : list) {
            if (!first) {
                writeAscii(',');
            }
            first = false;
            writeValue(element);
        }
        writeAscii(']');
    }

    private void writeObject(Map<?, ?> map) {
        Collection<? extends Map.Entry<?, ?>> entries = map.entrySet();
        if (!(map instanceof SortedMap<?, ?> sorted && sorted.comparator() == null)) {
            Map.Entry<?, ?>[] array = entries.toArray(NO_ENTRIES);
            Arrays.sort(array, (a, b) -> key(a).compareTo(key(b)));
            entries = Arrays.asList(array);
        }
        writeAscii('{');
        boolean first = true;
        for (Map.Entry<?, ?> entry : entries) {
            if (!first) {
                writeAscii(',');
            }
            first = false;
            writeString(key(entry));
            writeAscii(':');
            writeValue(entry.getValue());
        }
        writeAscii('}');
    }

    private static String key(Map.Entry<?, ?> entry) {
        Object key = entry.getKey();
        if (key instanceof String s) {
            return s;
        }
        throw new IllegalArgumentException("JSON object keys must be strings, not "
                + (key == null ? "null" : key.getClass().getName()));
    }

    private void writeInteger(long n) {
        if (n > MAX_SAFE_INTEGER || n < -MAX_SAFE_INTEGER) {
            throw new IllegalArgumentException(n + " is outside the I-JSON integer range ±(2^53 - 1)");
        }
        ensure(17);
        if (n < 0) {
            buffer[length++] = '-';
            n = -n;
        }
        int digits = 1;
        for (long rest = n / 10; rest != 0; rest /= 10) {
            digits++;
        }
        length += digits;
        for (int i = length - 1; i >= length - digits; i--) {
            buffer[i] = (byte) ('0' + n % 10);
            n /= 10;
        }
    }

    /** Characters are written as UTF-8, escaped only where RFC 8785 (ECMAScript JSON.stringify) escapes them. */
    private void writeString(String s) {
        int n = s.length();
        ensure(3 * n + 2);
        byte[] b = buffer;
        int p = length;
        b[p++] = '"';
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                if (c >= 0x20 && c != '"' && c != '\\') {
                    b[p++] = (byte) c;
                    continue;
                }
                length = p;
                writeEscape(c, n - i - 1);
                b = buffer;
                p = length;
            } else if (c < 0x800) {
                b[p++] = (byte) (0xc0 | c >> 6);
                b[p++] = (byte) (0x80 | c & 0x3f);
            } else if (!Character.isSurrogate(c)) {
                b[p++] = (byte) (0xe0 | c >> 12);
                b[p++] = (byte) (0x80 | c >> 6 & 0x3f);
                b[p++] = (byte) (0x80 | c & 0x3f);
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                b[p++] = (byte) (0xf0 | cp >> 18);
                b[p++] = (byte) (0x80 | cp >> 12 & 0x3f);
                b[p++] = (byte) (0x80 | cp >> 6 & 0x3f);
                b[p++] = (byte) (0x80 | cp & 0x3f);
            } else {
                throw new IllegalArgumentException(
                        "lone surrogate U+%04X at index %d has no UTF-8 form".formatted((int) c, i));
            }
        }
        b[p++] = '"';
        length = p;
    }

    /** Makes room for the rest of the string too: an escape outgrows the three bytes reserved for it. */
    private void writeEscape(char c, int charsAfter) {
        ensure(6 + 3 * charsAfter + 1);
        buffer[length++] = '\\';
        switch (c) {
            case '"' -> buffer[length++] = '"';
            case '\\' -> buffer[length++] = '\\';
            case '\b' -> buffer[length++] = 'b';
            case '\f' -> buffer[length++] = 'f';
            case '\n' -> buffer[length++] = 'n';
            case '\r' -> buffer[length++] = 'r';
            case '\t' -> buffer[length++] = 't';
            default -> {
                buffer[length++] = 'u';
                buffer[length++] = '0';
                buffer[length++] = '0';
                buffer[length++] = HEX[c >> 4];
                buffer[length++] = HEX[c & 0xf];
            }
        }
    }

    private void writeAscii(char c) {
        ensure(1);
        buffer[length++] = (byte) c;
    }

    private void writeRaw(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buffer, length, bytes.length);
        length += bytes.length;
    }

    private void ensure(int more) {
        if (length + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(2 * buffer.length, length + more));
        }
    }
}
