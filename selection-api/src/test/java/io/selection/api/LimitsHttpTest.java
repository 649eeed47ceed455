package io.selection.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The limits on what a client sends (docs/operations.md, "Limits"), set small here so the bodies
 * stay small: a body over the byte limit is refused 413 before it is read (declared or chunked), an
 * NDJSON body over the line count or a line over the line length is refused 413 whole with nothing
 * decided or imported, a JSON body nested too deep is 413, and a field over its length is 400
 * naming the field.
 *
 * <p>Its own Spring context (the limits differ) over its own H2 file, so that its event processors
 * never compete with the shared context's for the same tokens.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestPropertySource(properties = {
        "selection.limits.body-bytes=8192",
        "selection.limits.ndjson-lines=20",
        "selection.limits.ndjson-line-bytes=512",
        "selection.limits.json-depth=16",
        "selection.limits.json-string-chars=4096"})
class LimitsHttpTest extends HttpRefusalSupport {

    static final long BODY = 8192;
    static final String DRAFT = "lim-draft";
    static final String COLLECT = "lim-collect";
    static final String E = "/api/editions/";

    @DynamicPropertySource
    static void ownStore(DynamicPropertyRegistry registry) throws IOException {
        String dir = Files.createTempDirectory("selection-limits-test").toString();
        registry.add("spring.datasource.url", () -> "jdbc:h2:file:" + dir
                + "/selection;WRITE_DELAY=0;LOCK_TIMEOUT=60000;DB_CLOSE_ON_EXIT=FALSE");
    }

    @BeforeAll
    void editions() {
        create(editionBody(DRAFT, 1, "A"));
        create(editionBody(COLLECT, 1, "A"));
        advance(COLLECT, "COLLECTING");
    }

    @Test
    void refuses_a_declared_length_over_the_limit_before_a_byte_of_it_is_sent() throws IOException {
        long before = eventCount();
        long started = System.nanoTime();
        // a gigabyte announced, nothing sent: the answer can only come from the header
        RawAnswer answer = rawPost(E, "application/json",
                Map.of("Content-Length", String.valueOf(1L << 30)), null);
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertTooLarge(answer, "bodyBytes", BODY);
        assertThat(answer.headers().get("connection")).isEqualToIgnoringCase("close");
        assertThat(millis).as("answered without waiting for the body").isLessThan(5_000);
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void refuses_a_chunked_json_body_once_it_passes_the_limit() throws IOException {
        long before = eventCount();
        ObjectNode edition = editionBody("lim-chunked", 1, "A").put("theme", "t".repeat(3000));
        edition.putArray("padding").add("p".repeat(3000)).add("p".repeat(3000)).add("p".repeat(3000));
        byte[] body = JSON.writeValueAsBytes(edition);
        assertThat((long) body.length).isGreaterThan(BODY);

        RawAnswer answer = rawPost("/api/editions", "application/json", Map.of("Transfer-Encoding", "chunked"),
                body);

        assertTooLarge(answer, "bodyBytes", BODY);
        assertThat(eventCount()).isEqualTo(before);
        assertThat(get(ORG, E + "lim-chunked").status()).isEqualTo(404);
    }

    @Test
    void refuses_a_chunked_vote_batch_once_it_passes_the_limit_deciding_nothing() throws IOException {
        long before = eventCount();
        // long lines, so that the bytes run out before the lines do (18 of about 480 bytes)
        StringBuilder lines = new StringBuilder();
        for (int i = 0; lines.length() <= BODY; i++) {
            lines.append(vote("chunk-" + i, "voter-" + i, "w1", "2024-02-28T02:00:00Z").put("pad", "p".repeat(400)))
                    .append('\n');
        }
        assertThat(lines.toString().split("\n")).hasSizeLessThan(20);
        RawAnswer answer = rawPost(E + DRAFT + "/votes:batch", "application/x-ndjson",
                Map.of("Transfer-Encoding", "chunked"), lines.toString().getBytes(StandardCharsets.UTF_8));

        assertTooLarge(answer, "bodyBytes", BODY);
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void refuses_a_vote_batch_over_the_line_limit_deciding_none_of_it() {
        long before = eventCount();
        Response over = postNdjson(GW, E + DRAFT + "/votes:batch", voteLines("over", 21));
        assertTooLarge(over, "ndjsonLines", 20);
        assertThat(eventCount()).as("no vote of the refused batch decided").isEqualTo(before);

        // at the limit the batch is decided (refused votes, the edition is not voting, but decided)
        Response at = postNdjson(GW, E + DRAFT + "/votes:batch", voteLines("at", 20));
        assertThat(at.status()).as(at.raw()).isEqualTo(200);
        assertThat(at.body().path("refused").asInt() + at.body().path("accepted").asInt()).isEqualTo(20);
    }

    @Test
    void refuses_an_import_over_the_line_limit_importing_none_of_it() {
        long before = eventCount();
        StringBuilder lines = new StringBuilder();
        for (int i = 1; i <= 21; i++) {
            lines.append(work("imp-" + i, "A", "Unit").toString()).append('\n');
        }
        assertTooLarge(postNdjson(ORG, E + COLLECT + "/works:import", lines.toString()), "ndjsonLines", 20);
        assertThat(eventCount()).isEqualTo(before);
        assertThat(get(ORG, E + COLLECT + "/works/imp-1").status()).isEqualTo(404);
    }

    /** A line over the line length refuses the whole body (413), not only that line. */
    @Test
    void refuses_a_body_with_a_line_over_the_line_length() {
        long before = eventCount();
        String longLine = "{\"id\":\"long\",\"voterId\":\"" + "v".repeat(600) + "\",\"workId\":\"w\"}";
        assertTooLarge(postNdjson(GW, E + DRAFT + "/votes:batch", voteLine("ok-1") + "\n" + longLine + "\n"),
                "ndjsonLineBytes", 512);
        ObjectNode longWork = work("imp-long", "A", "Unit").put("title", "t".repeat(600));
        assertTooLarge(postNdjson(ORG, E + COLLECT + "/works:import", longWork + "\n"), "ndjsonLineBytes", 512);
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void names_a_title_url_name_or_reason_over_its_length() {
        refused(400, "VALIDATION", "title",
                () -> post(ORG, E + COLLECT + "/works", work("w-title", "A", "Unit").put("title", "t".repeat(501))));
        refused(400, "VALIDATION", "url", () -> post(ORG, E + COLLECT + "/works",
                work("w-url", "A", "Unit").put("url", "https://x.example/" + "u".repeat(2040))));
        refused(400, "VALIDATION", "organisation",
                () -> post(ORG, E + COLLECT + "/works", work("w-org", "A", "o".repeat(201))));
        refused(400, "VALIDATION", "title",
                () -> post(ORG, "/api/editions", editionBody("lim-title", 1, "A").put("title", "e".repeat(501))));
        refused(400, "VALIDATION", "name", () -> post(ORG, E + DRAFT + "/reviewers",
                reviewer("lim-rev", "Org", "A").put("name", "n".repeat(201))));

        // at the lengths they are kept
        submit(COLLECT, work("w-at", "A", "o".repeat(200)).put("title", "t".repeat(500))
                .put("url", "https://x.example/" + "u".repeat(2048 - 18)));
        refused(400, "VALIDATION", "reason", () -> post(ORG, E + COLLECT + "/works/w-at/disqualification",
                JSON.createObjectNode().put("reason", "r".repeat(2001))));
    }

    @Test
    void refuses_json_nested_deeper_than_the_limit() {
        long before = eventCount();
        ObjectNode deep = editionBody("lim-deep", 1, "A");
        Response r = post(ORG, "/api/editions", deep.toString().replaceFirst("\\{",
                "{\"extra\":" + "[".repeat(20) + "]".repeat(20) + ","));
        assertTooLarge(r, "jsonDepth", 16);
        assertThat(eventCount()).isEqualTo(before);

        // the same nesting within the limit is read (and the unknown field ignored)
        Response shallow = post(ORG, "/api/editions", deep.toString().replaceFirst("\\{",
                "{\"extra\":" + "[".repeat(10) + "]".repeat(10) + ","));
        assertThat(shallow.status()).as(shallow.raw()).isEqualTo(201);
    }

    @Test
    void refuses_an_absurd_string_or_number() {
        long before = eventCount();
        assertTooLarge(post(ORG, "/api/editions", editionBody("lim-str", 1, "A").put("theme", "s".repeat(5000))),
                "jsonStringChars", 4096);
        assertTooLarge(post(ORG, "/api/editions", editionBody("lim-num", 1, "A").toString()
                .replaceFirst("\\{", "{\"extra\":" + "9".repeat(150) + ",")), "jsonNumberChars", 100);
        assertThat(eventCount()).isEqualTo(before);
    }

    // --- helpers ---

    static void assertTooLarge(Response r, String limit, long max) {
        assertProblem(r, 413, "TOO_LARGE", limit);
        assertThat(r.body().path("limit").asText()).isEqualTo(limit);
        assertThat(r.body().path("max").asLong()).isEqualTo(max);
    }

    static void assertTooLarge(RawAnswer a, String limit, long max) {
        assertThat(a.status()).as(a.body()).isEqualTo(413);
        assertThat(a.headers().get("content-type")).startsWith(PROBLEM_JSON);
        JsonNode problem = json(a.body());
        assertThat(problem.path("code").asText()).isEqualTo("TOO_LARGE");
        assertThat(problem.path("limit").asText()).isEqualTo(limit);
        assertThat(problem.path("max").asLong()).isEqualTo(max);
    }

    static String voteLine(String id) {
        return vote(id, "voter-" + id, "w1", "2024-02-28T02:00:00Z").toString();
    }

    static String voteLines(String prefix, int n) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < n; i++) {
            out.append(voteLine(prefix + "-" + i)).append('\n');
        }
        return out.toString();
    }

    record RawAnswer(int status, Map<String, String> headers, String body) {
    }

    /**
     * A POST over a plain socket, as the JDK client will not send a false Content-Length nor say how
     * it chunks: with {@code Transfer-Encoding: chunked} the body goes in chunks of 1 KiB; without
     * a body, only the head is sent. Reads one answer and closes.
     */
    RawAnswer rawPost(String path, String contentType, Map<String, String> headers, byte[] body)
            throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            StringBuilder head = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: localhost\r\n")
                    .append("Authorization: Basic ").append(Base64.getEncoder().encodeToString(
                            ((path.contains("votes") ? GW + ":" + GW : ORG + ":" + ORG))
                                    .getBytes(StandardCharsets.UTF_8))).append("\r\n")
                    .append("Content-Type: ").append(contentType).append("\r\n");
            headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
            head.append("\r\n");
            out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
            boolean chunked = "chunked".equals(headers.get("Transfer-Encoding"));
            if (body != null && chunked) {
                try {
                    for (int at = 0; at < body.length; at += 1024) {
                        int n = Math.min(1024, body.length - at);
                        out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.write(body, at, n);
                        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                } catch (IOException closedEarly) {
                    // the server may answer and close before the last chunk: the answer is what counts
                }
            } else if (body != null) {
                out.write(body);
            }
            out.flush();
            return readAnswer(socket.getInputStream());
        }
    }

    private static RawAnswer readAnswer(InputStream in) throws IOException {
        String statusLine = line(in);
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String h = line(in); !h.isEmpty(); h = line(in)) {
            int colon = h.indexOf(':');
            headers.put(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (headers.containsKey("content-length")) {
            body.write(in.readNBytes(Integer.parseInt(headers.get("content-length"))));
        } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            for (int n = Integer.parseInt(line(in).trim(), 16); n > 0; n = Integer.parseInt(line(in).trim(), 16)) {
                body.write(in.readNBytes(n));
                line(in);
            }
        }
        return new RawAnswer(status, headers, body.toString(StandardCharsets.UTF_8));
    }

    private static String line(InputStream in) throws IOException {
        List<Byte> bytes = new ArrayList<>();
        for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
            if (b != '\r') {
                bytes.add((byte) b);
            }
        }
        byte[] out = new byte[bytes.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = bytes.get(i);
        }
        return new String(out, StandardCharsets.US_ASCII);
    }
}
