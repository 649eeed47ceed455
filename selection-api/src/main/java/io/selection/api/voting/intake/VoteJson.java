package io.selection.api.voting.intake;

import io.selection.api.config.StrictJsonConfig;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
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
        try {
            return StrictJsonConfig.parseIso(p.getText().trim());
        } catch (DateTimeParseException e) {
            return BAD_TIME;
        }
    }
}
