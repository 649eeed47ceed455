package io.selection.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The hostile-input run: for every write endpoint, two hundred seeded malformed bodies (broken and
 * truncated JSON, huge numbers, NaN, odd Unicode and bytes that are not UTF-8, wrong types, deep
 * nesting, broken NDJSON) sent with the right credentials. Every answer is a 4xx problem with a
 * {@code code}, never a 5xx, and the event log does not grow: each body is invalid by construction,
 * because the one field it cannot do without is always given a value that field refuses. An NDJSON
 * endpoint answers 200 with every line refused, or a 4xx problem; it never decides or imports one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputTest extends HttpRefusalSupport {

    static final long SEED = 20_240_227L;
    static final int BODIES_PER_ENDPOINT = 200;
    static final String ED = "hi-draft";
    static final String REVIEWER = "hi-rev";
    static final String P = "/api/editions/" + ED;

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final Map<String, Integer> tried = new ConcurrentHashMap<>();

    /** How an endpoint is called, its valid body's fields, and the field every body breaks. */
    record Endpoint(String name, String path, String user, boolean ndjson, Kind key, Map<String, String> template) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** The kinds of a required field, each with values that field always refuses. */
    enum Kind { ID, TEXT, SCORE, STAGE }

    static List<Endpoint> endpoints() {
        Map<String, String> edition = new LinkedHashMap<>();
        edition.put("title", q("T"));
        edition.put("eligibleFrom", q("2023-01-01"));
        edition.put("eligibleTo", q("2023-12-31"));
        edition.put("categories", "[{\"code\":\"A\",\"name\":\"A\",\"finalQuota\":2}]");
        edition.put("voting", "{\"opensAt\":\"2024-02-26T16:00:00Z\",\"closesAt\":\"2024-03-04T16:00:00Z\"}");
        Map<String, String> work = new LinkedHashMap<>();
        work.put("title", q("W"));
        work.put("url", q("https://x.example/w"));
        work.put("category", q("A"));
        work.put("publishedOn", q("2023-06-01"));
        work.put("organisation", q("O"));
        Map<String, String> reviewer = new LinkedHashMap<>();
        reviewer.put("name", q("R"));
        reviewer.put("categories", "[\"A\"]");
        reviewer.put("password", q("long-enough-secret"));
        Map<String, String> vote = new LinkedHashMap<>();
        vote.put("id", q("v1"));
        vote.put("workId", q("w1"));
        vote.put("castAt", q("2024-02-28T02:00:00Z"));
        vote.put("source", "{\"ip\":\"1.2.3.4\",\"device\":\"d\"}");
        String reviewerLogin = reviewerLogin(REVIEWER);
        return List.of(
                new Endpoint("editions", "/api/editions", ORG, false, Kind.ID, edition),
                new Endpoint("transitions", P + "/transitions", ORG, false, Kind.STAGE, Map.of()),
                new Endpoint("works", P + "/works", ORG, false, Kind.ID, work),
                new Endpoint("works:import", P + "/works:import", ORG, true, Kind.ID, work),
                new Endpoint("disqualification", P + "/works/w1/disqualification", ORG, false, Kind.TEXT, Map.of()),
                new Endpoint("reviewers", P + "/reviewers", ORG, false, Kind.ID, reviewer),
                new Endpoint("preliminary-scores", P + "/works/w1/preliminary-scores", reviewerLogin, false,
                        Kind.SCORE, Map.of()),
                new Endpoint("final-scores", P + "/works/w1/final-scores", reviewerLogin, false, Kind.SCORE,
                        Map.of()),
                new Endpoint("votes", P + "/votes", GW, false, Kind.TEXT, vote),
                new Endpoint("votes:batch", P + "/votes:batch", GW, true, Kind.TEXT, vote),
                new Endpoint("vote-invalidations", P + "/vote-invalidations", ORG, false, Kind.TEXT,
                        Map.of("reason", q("r"))));
    }

    /** The name of the field every body of the endpoint breaks. */
    static String keyField(Endpoint e) {
        return switch (e.name()) {
            case "transitions" -> "to";
            case "disqualification" -> "reason";
            case "preliminary-scores", "final-scores" -> "score";
            case "votes", "votes:batch" -> "voterId";
            case "vote-invalidations" -> "setId";
            default -> "id";
        };
    }

    static Stream<Arguments> runs() {
        List<Endpoint> all = endpoints();
        List<Arguments> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            out.add(arguments(all.get(i), SEED + i));
        }
        return out.stream();
    }

    @BeforeAll
    void edition() {
        create(editionBody(ED, 1, "A"));
        register(ED, reviewer(REVIEWER, "RO", "A"));
    }

    @AfterAll
    void figures() {
        int total = tried.values().stream().mapToInt(Integer::intValue).sum();
        System.out.println("HostileInputTest: " + total + " hostile inputs tried over " + tried.size()
                + " write endpoints: " + new java.util.TreeMap<>(tried));
        assertThat(total).isEqualTo(BODIES_PER_ENDPOINT * endpoints().size());
    }

    @ParameterizedTest(name = "{0}, seed {1}")
    @MethodSource("runs")
    void every_malformed_body_is_a_4xx_problem_and_changes_nothing(Endpoint endpoint, long seed) {
        Random random = new Random(seed);
        long before = eventCount();
        for (int i = 0; i < BODIES_PER_ENDPOINT; i++) {
            byte[] body = endpoint.ndjson() ? ndjson(random, endpoint) : body(random, endpoint);
            HttpResponse<String> r = send(endpoint, body);
            String what = endpoint.name() + " #" + i + " " + show(body) + " -> " + r.statusCode() + " " + r.body();
            assertThat(r.statusCode()).as(what).isLessThan(500);
            if (endpoint.ndjson() && r.statusCode() == 200) {
                JsonNode answer = json(r.body());
                if (endpoint.name().equals("works:import")) {
                    assertThat(answer.path("accepted").asInt()).as(what).isZero();
                } else {
                    assertThat(answer.path("accepted").asInt() + answer.path("refused").asInt()
                            + answer.path("repeated").asInt()).as(what).isZero();
                }
            } else {
                assertThat(r.statusCode()).as(what).isBetween(400, 499);
                assertThat(r.headers().firstValue("Content-Type").orElse("")).as(what).startsWith(PROBLEM_JSON);
                assertThat(json(r.body()).path("code").asText()).as(what).isNotBlank();
            }
            assertThat(eventCount()).as("events after " + what).isEqualTo(before);
            tried.merge(endpoint.name(), 1, Integer::sum);
        }
    }

    // --- the generator ---

    /** One body for a JSON endpoint. */
    static byte[] body(Random r, Endpoint e) {
        int kind = r.nextInt(10);
        return switch (kind) {
            case 0, 1, 2 -> utf8(object(r, e));
            case 3 -> utf8(truncated(r, object(r, e)));
            case 4 -> utf8(mangled(r, object(r, e), keyField(e)));
            case 5 -> utf8(pick(r, ROOTS));
            case 6 -> utf8(deep(r));
            case 7 -> badBytes(r, object(r, e));
            case 8 -> concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, utf8(object(r, e)));
            default -> binary(r);
        };
    }

    /** An NDJSON body of invalid lines, joined in odd ways. */
    static byte[] ndjson(Random r, Endpoint e) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (r.nextInt(5) == 0) {
            out.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        }
        int lines = 1 + r.nextInt(8);
        for (int i = 0; i < lines; i++) {
            out.writeBytes(body(r, e));
            out.writeBytes(utf8(pick(r, new String[] {"\n", "\r\n", "\n\n", "\n \t\n", "\r\n\r\n", "\n\u000b\n"})));
        }
        return out.toByteArray();
    }

    /** The endpoint's body with its key field refused, the other fields now valid, now hostile. */
    static String object(Random r, Endpoint e) {
        List<String> members = new ArrayList<>();
        members.add(q(keyField(e)) + ":" + refused(r, e.key()));
        e.template().forEach((name, valid) -> {
            int dice = r.nextInt(4);
            if (dice == 0) {
                members.add(q(name) + ":" + hostile(r));
            } else if (dice < 3) {
                members.add(q(name) + ":" + valid);
            }
        });
        for (int extra = r.nextInt(3); extra > 0; extra--) {
            members.add(q(pick(r, ODD_STRINGS) + r.nextInt(100)) + ":" + hostile(r));
        }
        java.util.Collections.shuffle(members, r);
        return "{" + String.join(",", members) + "}";
    }

    /** A value the key field of this kind always refuses. */
    static String refused(Random r, Kind kind) {
        return switch (kind) {
            case ID -> pick(r, new String[] {q(""), q("a b"), q("\\u0000"), q("\u202Eevil"), q("😀"), q("\\ud800"),
                    q("x".repeat(65)), q("é"), q("../x"), q("a/b"), "null", "{}", "[]", "[1]", "{\"a\":1}",
                    q("\u0000"), q(" v1"), q("v1\\n"), "[" + q("v1") + "]", "{\"id\":" + q("v1") + "}"});
            // not U+3000 or U+2003: @NotBlank trims only up to U+0020, so they make a voter id today
            case TEXT -> pick(r, new String[] {"null", q(""), q("   "), q("\\t\\n"), "{}", "[]",
                    "[" + q("x") + "]", "{\"$\":1}"});
            case SCORE -> pick(r, new String[] {"1e400", "-1e400", "99999999999999999999999", "-1", "100.5", "1e3",
                    q("abc"), q("NaN"), q(""), "null", "{}", "[]", "true", q("1e400"), "-0.0001", q("Infinity"),
                    "[50]", "{\"score\":50}"});
            case STAGE -> pick(r, new String[] {q("collecting"), q(""), q("DRAFTX"), "1", "0", "null", "{}", "[]",
                    q("\\u0000COLLECTING"), q("COLLECTING "), q("\u202ECOLLECTING"), "[" + q("COLLECTING") + "]",
                    "true", "1e400"});
        };
    }

    static final String[] ODD_STRINGS = {"", "\u0000", "\u202E", "😀", "\\ud800", "\\udc00\\ud800", "\u200B",
            "\uFEFF", "é", "\u0301", "𝕏", "\u3000", "\\\"", "\\\\", "Ω", "\\u0000", "\u2028", "\u00A0"};

    static final String[] ROOTS = {"", " ", "\n", "null", "true", "0", "-0", "1e400", "-1e400",
            "99999999999999999999999", "NaN", "-Infinity", "Infinity", "\"string\"", "[]", "[{}]", "[null]",
            "{}", "{", "}", "[", "]", "{\"a\"}", "{\"a\":}", "{,}", "{\"a\":1,}", "[1,]", "'single'", "{'a':1}",
            "/* comment */ {}", "{\"a\":1} {\"b\":2}", "\"\\ud800\"", "\"\\u0000\"", "0x10", "01", "+1", ".5",
            "1.", "--1", "1e", "tru", "nul", "\"unterminated", "{\"a\":\"\\x\"}", "{\"a\":\"\t\"}", "\u0000",
            "\uFEFF{}", "\u202E{}", "😀", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]"};

    /** A value of any type, often absurd. */
    static String hostile(Random r) {
        return switch (r.nextInt(8)) {
            case 0 -> pick(r, new String[] {"1e400", "-1e400", "99999999999999999999999", "1e-400", "-0", "0.0",
                    "123456789012345678901234567890.123456789", "9223372036854775808", "-9223372036854775809",
                    "4.9e-324", "1.7976931348623157e309"});
            case 1 -> pick(r, new String[] {"true", "false", "null", "[]", "{}", "[null]", "[[]]", "{\"\":{}}"});
            case 2 -> q(pick(r, ODD_STRINGS) + pick(r, ODD_STRINGS));
            case 3 -> q("x".repeat(r.nextInt(3000)));
            case 4 -> "[" + "[".repeat(r.nextInt(40)) + "1" + "]".repeat(0) + "]";
            case 5 -> "{\"a\":".repeat(r.nextInt(20)) + "1" + "}".repeat(r.nextInt(20));
            case 6 -> q("2024-02-30T25:61:61Z");
            default -> String.valueOf(r.nextLong());
        };
    }

    static String truncated(Random r, String json) {
        return json.substring(0, r.nextInt(Math.max(1, json.length() - 1)));
    }

    /**
     * A few characters changed, dropped or put in: mostly broken JSON. The key member is left as it
     * is, so that no change can make its refused value a good one.
     */
    static String mangled(Random r, String json, String key) {
        int keyAt = json.indexOf(q(key) + ":");
        String head = json.substring(0, keyAt);
        int keyEnd = keyEnd(json, keyAt);
        StringBuilder s = new StringBuilder(head).append(json.substring(keyEnd));
        String member = json.substring(keyAt, keyEnd);
        for (int n = 1 + r.nextInt(3); n > 0 && s.length() > 1; n--) {
            int at = r.nextInt(s.length());
            switch (r.nextInt(3)) {
                case 0 -> s.deleteCharAt(at);
                case 1 -> s.insert(at, pick(r, new String[] {"{", "}", "[", "]", ",", ":", "\"", "\\", "NaN", "\u0000"}));
                default -> s.setCharAt(at, (char) (r.nextInt(0x30) + 0x20));
            }
        }
        int back = Math.min(head.length(), s.length());
        return s.substring(0, back) + member + s.substring(back);
    }

    /** Where the member starting at {@code at} ends: at the comma or brace that closes it at its depth. */
    static int keyEnd(String json, int at) {
        int depth = 0;
        boolean inString = false;
        int colon = json.indexOf(':', at + 1);
        for (int i = colon + 1; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                if (depth == 0) {
                    return i;
                }
                depth--;
            } else if (c == ',' && depth == 0) {
                return i;
            }
        }
        return json.length();
    }

    static String deep(Random r) {
        int depth = 10 + r.nextInt(5000);
        return r.nextBoolean() ? "[".repeat(depth) + "]".repeat(r.nextInt(depth + 1))
                : "{\"a\":".repeat(depth) + "1" + "}".repeat(r.nextInt(depth + 1));
    }

    /** Bytes that are not UTF-8 put into a body: overlong forms, encoded surrogates, stray and cut bytes. */
    static byte[] badBytes(Random r, String json) {
        byte[][] bad = {{(byte) 0xC0, (byte) 0xAF}, {(byte) 0xE0, (byte) 0x80, (byte) 0xAF},
                {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xFF}, {(byte) 0xFE}, {(byte) 0x80},
                {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xE2, (byte) 0x82}, {0}};
        byte[] bytes = utf8(json);
        int at = 1 + r.nextInt(Math.max(1, bytes.length - 1));
        return concat(concat(java.util.Arrays.copyOf(bytes, at), bad[r.nextInt(bad.length)]),
                java.util.Arrays.copyOfRange(bytes, at, bytes.length));
    }

    static byte[] binary(Random r) {
        byte[] b = new byte[1 + r.nextInt(300)];
        r.nextBytes(b);
        return b;
    }

    // --- plumbing ---

    HttpResponse<String> send(Endpoint e, byte[] body) {
        String user = e.user();
        int colon = user.indexOf(':');
        String login = colon < 0 ? user + ":" + user : user;
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + e.path()))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", e.ndjson() ? "application/x-ndjson" : "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString(login.getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException ex) {
            throw new AssertionError("no answer to " + e.name() + " " + show(body), ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new AssertionError(ex);
        }
    }

    static String q(String s) {
        return "\"" + s + "\"";
    }

    static String pick(Random r, String[] values) {
        return values[r.nextInt(values.length)];
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static String show(byte[] body) {
        String s = new String(body, StandardCharsets.UTF_8);
        return s.length() > 300 ? s.substring(0, 300) + "…(" + body.length + " bytes)" : s;
    }
}
