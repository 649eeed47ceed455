package io.selection.api.voting.intake;

import io.selection.api.config.StrictJsonConfig;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Reads one vote's JSON (docs/api.md; on Kafka also {@code editionId} and {@code receivedAt}) straight
 * into fields with Jackson's streaming parser: no tree, no record, no reflection. Reads what
 * Jackson's data binding of {@link CastVote} reads, as this service configures it:
 * strings also from other scalars, times only as ISO-8601 strings ({@link StrictJsonConfig}),
 * unknown properties skipped, nothing after the object looked at; and refuses what it refuses,
 * naming the field. One difference, on purpose: a field of the vote given twice is refused
 * (data binding kept the last value or failed, depending on where the repeat came).
 */
public final class VoteJson {

    static final JsonFactory FACTORY = JsonFactory.builder().build();

    /** The fields of one vote, reused from vote to vote. */
    public static final class Fields {
        String editionId;
        String id;
        String voterId;
        String workId;
        Instant castAt;
        Instant receivedAt;
        String ip;
        String device;

        void clear() {
            editionId = id = voterId = workId = ip = device = null;
            castAt = receivedAt = null;
        }

        public String id() {
            return id;
        }

        public String voterId() {
            return voterId;
        }

        public String workId() {
            return workId;
        }

        public Instant castAt() {
            return castAt;
        }

        public String ip() {
            return ip;
        }

        public String device() {
            return device;
        }
    }

    /** Why a line is not a vote: the field at fault (null for the whole line) and the detail. */
    public record Unreadable(String field, String detail) {
    }

    private VoteJson() {
    }

    /** Reads one vote from the bytes into {@code f}; null when it reads, else why not. */
    public static Unreadable read(byte[] bytes, int offset, int length, Fields f) {
        if (Plain.read(bytes, offset, length, f)) {
            return null;
        }
        return readWithJackson(bytes, offset, length, f);
    }

    /** {@link #read} with Jackson's streaming parser for every vote: what the plain reader must agree with. */
    static Unreadable readWithJackson(byte[] bytes, int offset, int length, Fields f) {
        f.clear();
        try (JsonParser p = FACTORY.createParser(bytes, offset, length)) {
            JsonToken first = p.nextToken();
            if (first == JsonToken.VALUE_NULL) {
                return new Unreadable(null, "null is not a record");
            }
            if (first != JsonToken.START_OBJECT) {
                return new Unreadable(null, "not a JSON object of the expected shape");
            }
            int seen = 0;
            for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                int bit = bit(name);
                if ((seen & bit) != 0) {
                    return twice(name);
                }
                seen |= bit;
                Unreadable bad = switch (name) {
                    case "id" -> (f.id = string(p, value)) == WRONG ? wrong("id") : null;
                    case "voterId" -> (f.voterId = string(p, value)) == WRONG ? wrong("voterId") : null;
                    case "workId" -> (f.workId = string(p, value)) == WRONG ? wrong("workId") : null;
                    case "editionId" -> (f.editionId = string(p, value)) == WRONG ? wrong("editionId") : null;
                    case "castAt" -> (f.castAt = instant(p, value)) == BAD_TIME ? wrong("castAt") : null;
                    case "receivedAt" -> (f.receivedAt = instant(p, value)) == BAD_TIME ? wrong("receivedAt") : null;
                    case "source" -> source(p, value, f);
                    default -> {
                        p.skipChildren();
                        yield null;
                    }
                };
                if (bad != null) {
                    return bad;
                }
            }
            return null;
        } catch (JsonProcessingException e) {
            return new Unreadable(null, "not valid JSON");
        } catch (IOException e) {
            return new Unreadable(null, "not valid JSON");
        }
    }

    /**
     * The one string for values that repeat from vote to vote (a work's id, the edition's): a vote
     * names one of about a thousand works, and each decision looks its work up four or five times
     * (category, shortlist, the voter's day, the group's dictionary); the same String there hashes
     * once for good (a String keeps its hash), where a fresh one per vote was hashed each time, and
     * allocated. A bounded table, one entry a slot, the last seen kept: a flood of made-up ids
     * costs about what it did before (a copy of their bytes besides) and holds at most
     * {@value #SLOTS} short strings. Entries are immutable, so threads share the table without
     * locks (a reader sees an entry whole, or an older one, or none, and then makes the string as
     * before).
     */
    static final class Repeated {
        static final Repeated WORKS = new Repeated();
        static final Repeated EDITIONS = new Repeated();

        private static final int SLOTS = 4096;
        /** Longer values are not kept (ids are short; docs/api.md). */
        private static final int LONGEST = 128;

        private record Entry(byte[] bytes, String text) {
        }

        private final Entry[] table = new Entry[SLOTS];

        /** The ASCII bytes {@code b[from, to)} as a string: the one kept for them, if any. */
        String text(byte[] b, int from, int to) {
            int h = 0;
            for (int i = from; i < to; i++) {
                h = 31 * h + b[i];
            }
            int slot = (h ^ h >>> 16) & (SLOTS - 1);
            Entry e = table[slot];
            if (e != null && java.util.Arrays.equals(e.bytes, 0, e.bytes.length, b, from, to)) {
                return e.text;
            }
            String text = new String(b, from, to - from, StandardCharsets.ISO_8859_1);
            if (to - from <= LONGEST) {
                table[slot] = new Entry(java.util.Arrays.copyOfRange(b, from, to), text);
            }
            return text;
        }
    }

    /**
     * The vote as front-ends send it, read without a parser object: an object of the known fields
     * (each once), their values plain ASCII strings without escapes or null, {@code source} an
     * object of {@code ip} and {@code device} likewise, JSON whitespace between. Anything else, even
     * valid JSON (an escape, a number, a field it does not know, a repeat, a time that does not
     * parse), is left to Jackson, which reads it or names what is wrong; so this reads only what
     * Jackson reads, and reads it the same ({@code VoteJsonPlainTest} compares the two on generated
     * and mutated votes). The parser object, its buffers and symbol table were a third of the Kafka
     * door's parsing and most of its garbage.
     */
    static final class Plain {

        private static final byte[][] NAMES = {"id".getBytes(), "voterId".getBytes(), "workId".getBytes(),
                "editionId".getBytes(), "castAt".getBytes(), "receivedAt".getBytes(), "source".getBytes()};
        private static final byte[] IP = "ip".getBytes();
        private static final byte[] DEVICE = "device".getBytes();

        private final byte[] b;
        private final int end;
        private int p;
        /** Where the last string read starts and ends (exclusive), or -1 for null. */
        private int from;
        private int to;

        private Plain(byte[] b, int offset, int length) {
            this.b = b;
            this.p = offset;
            this.end = offset + length;
        }

        /** True when the bytes are a vote of the plain shape, read into {@code f}; false: ask Jackson. */
        static boolean read(byte[] bytes, int offset, int length, Fields f) {
            f.clear();
            Plain r = new Plain(bytes, offset, length);
            return r.object(f);
        }

        private boolean object(Fields f) {
            if (!skipTo('{')) {
                return false;
            }
            int seen = 0;
            if (peekAfterSpace() == '}') {
                return true;
            }
            while (true) {
                int name = name(NAMES);
                if (name < 0 || (seen & 1 << name) != 0 || !skipTo(':')) {
                    return false;
                }
                seen |= 1 << name;
                if (name == 6) {
                    if (!source(f)) {
                        return false;
                    }
                } else {
                    if (!value()) {
                        return false;
                    }
                    switch (name) {
                        case 0 -> f.id = text();
                        case 1 -> f.voterId = text();
                        case 2 -> f.workId = text(Repeated.WORKS);
                        case 3 -> f.editionId = text(Repeated.EDITIONS);
                        default -> {
                            Instant time = time(text());
                            if (time == BAD_TIME) {
                                return false;
                            }
                            if (name == 4) {
                                f.castAt = time;
                            } else {
                                f.receivedAt = time;
                            }
                        }
                    }
                }
                int next = peekAfterSpace();
                p++;
                if (next == '}') {
                    return true;
                }
                if (next != ',') {
                    return false;
                }
            }
        }

        /** The last string read, or null for a null. */
        private String text() {
            return from < 0 ? null : new String(b, from, to - from, StandardCharsets.ISO_8859_1);
        }

        /** As {@link #text()}, the string kept in {@code kept} for these bytes where there is one. */
        private String text(Repeated kept) {
            return from < 0 ? null : kept.text(b, from, to);
        }

        private boolean source(Fields f) {
            int c = peekAfterSpace();
            if (c == 'n') {
                if (!value()) {
                    return false;
                }
                f.ip = f.device = null;
                return true;
            }
            if (c != '{') {
                return false;
            }
            p++;
            String ip = null;
            String device = null;
            if (peekAfterSpace() == '}') {
                p++;
                f.ip = f.device = null;
                return true;
            }
            int seen = 0;
            while (true) {
                int name = name(IP, DEVICE);
                if (name < 0 || (seen & 1 << name) != 0 || !skipTo(':') || !value()) {
                    return false;
                }
                seen |= 1 << name;
                String text = text();
                if (name == 0) {
                    ip = text;
                } else {
                    device = text;
                }
                int next = peekAfterSpace();
                p++;
                if (next == '}') {
                    f.ip = ip;
                    f.device = device;
                    return true;
                }
                if (next != ',') {
                    return false;
                }
            }
        }

        /** The index of the quoted name among {@code names}, after whitespace; -1 if none or not plain. */
        private int name(byte[]... names) {
            if (peekAfterSpace() != '"' || !string()) {
                return -1;
            }
            int length = to - from;
            for (int i = 0; i < names.length; i++) {
                if (names[i].length == length && java.util.Arrays.equals(b, from, to, names[i], 0, length)) {
                    return i;
                }
            }
            return -1;
        }

        /** A plain string (its bounds in from/to) or null (from = -1), after whitespace; false for anything else. */
        private boolean value() {
            int c = peekAfterSpace();
            if (c == '"') {
                return string();
            }
            if (c == 'n' && p + 4 <= end && b[p + 1] == 'u' && b[p + 2] == 'l' && b[p + 3] == 'l') {
                p += 4;
                int after = p < end ? b[p] : -1;
                if (after == ' ' || after == '\t' || after == '\n' || after == '\r' || after == ',' || after == '}') {
                    from = -1;
                    return true;
                }
            }
            return false;
        }

        /** At a quote: the string up to the next quote, printable ASCII without a backslash. */
        private boolean string() {
            int i = ++p;
            while (i < end) {
                byte c = b[i];
                if (c == '"') {
                    from = p;
                    to = i;
                    p = i + 1;
                    return true;
                }
                if (c < 0x20 || c == '\\' || c == 0x7f) { // negative: not ASCII
                    return false;
                }
                i++;
            }
            return false;
        }

        private boolean skipTo(char c) {
            if (peekAfterSpace() != c) {
                return false;
            }
            p++;
            return true;
        }

        /** The next byte that is not JSON whitespace (p left on it), or -1 at the end. */
        private int peekAfterSpace() {
            while (p < end) {
                byte c = b[p];
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                    return c;
                }
                p++;
            }
            return -1;
        }
    }

    private static final String WRONG = new String("wrong");
    private static final Instant BAD_TIME = Instant.ofEpochSecond(0, 1);

    private static int bit(String name) {
        return switch (name) {
            case "id" -> 1;
            case "voterId" -> 2;
            case "workId" -> 4;
            case "editionId" -> 8;
            case "castAt" -> 16;
            case "receivedAt" -> 32;
            case "source" -> 64;
            case "ip" -> 128;
            case "device" -> 256;
            default -> 0;
        };
    }

    private static Unreadable twice(String field) {
        return new Unreadable(field, field + " is given twice");
    }

    private static Unreadable wrong(String field) {
        return new Unreadable(field, field + " has the wrong type or format");
    }

    private static Unreadable source(JsonParser p, JsonToken value, Fields f) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            f.ip = f.device = null;
            return null;
        }
        if (value != JsonToken.START_OBJECT) {
            p.skipChildren();
            return wrong("source");
        }
        String ip = null;
        String device = null;
        int seen = 0;
        for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            int bit = name.equals("ip") || name.equals("device") ? bit(name) : 0;
            if ((seen & bit) != 0) {
                return twice("source." + name);
            }
            seen |= bit;
            if (name.equals("ip")) {
                if ((ip = string(p, v)) == WRONG) {
                    return wrong("source.ip");
                }
            } else if (name.equals("device")) {
                if ((device = string(p, v)) == WRONG) {
                    return wrong("source.device");
                }
            } else {
                p.skipChildren();
            }
        }
        f.ip = ip;
        f.device = device;
        return null;
    }

    /** A string, or another scalar's text (as data binding coerces it); {@link #WRONG} for an object or array. */
    private static String string(JsonParser p, JsonToken t) throws IOException {
        return switch (t) {
            case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE -> p.getText();
            case VALUE_NULL -> null;
            default -> {
                p.skipChildren();
                yield WRONG;
            }
        };
    }

    private static Instant instant(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.VALUE_STRING) {
            p.skipChildren();
            return BAD_TIME;
        }
        return time(p.getText());
    }

    /** An ISO-8601 instant as the service reads one (trimmed, strict); null for null; {@link #BAD_TIME} if it is none. */
    private static Instant time(String text) {
        if (text == null) {
            return null;
        }
        try {
            return StrictJsonConfig.parseIso(text.trim());
        } catch (DateTimeParseException e) {
            return BAD_TIME;
        }
    }
}
