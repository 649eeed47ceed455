package io.selection.api;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs an edition through every stage over HTTP with titles that test a download: Chinese,
 * a comma and quotes, a line break, and ones a spreadsheet would run as formulas. Categories A
 * and B, shortlist 3, final 2, one score a work (reviewer {@code {id}-r} of "Jury").
 *
 * <p>Preliminary scores: A: a1 90, a2 85, a3 80, a4 40; B: b1 90, b2 85, b3 80, b4 10. Votes: a1 2,
 * a2 1, b2 1. Jury: a1 80, a2 70, a3 60, b1 70, b2 80, b3 60. Winners (jury 70, vote 30):
 * A: a1 (56 + 30 = 86), a2 (49 + 15 = 64); B: b2 (56 + 30 = 86), b1 (49 + 0 = 49).
 */
abstract class PublishedEditionSupport extends HttpRefusalSupport {

    static final String A1_TITLE = "春天的故事：深圳四十年";
    static final String A2_TITLE = "Budget, \"revised\" edition";
    static final String A3_TITLE = "=HYPERLINK(\"http://evil.example\",\"click\")";
    static final String A4_TITLE = "Line one\nline two";
    static final String B1_TITLE = "-5 °C in Harbin";
    static final String B2_TITLE = "@everyone read this";
    static final String B3_TITLE = "+86 hotline";

    private static final HttpClient BYTES = HttpClient.newHttpClient();
    private static final String D1 = "2024-02-27T02:00:00Z";

    /** Creates the edition and takes it to RESULTS_PUBLISHED, telling {@code atStage} each stage it enters. */
    void runToResults(String id, Consumer<String> atStage) {
        String e = "/api/editions/" + id;
        ObjectNode edition = edition(id, 3, 2, "A", "B");
        edition.putObject("review").put("minScores", 1);
        create(edition);
        String reviewer = id + "-r";
        register(id, reviewer(reviewer, "Jury", "A", "B"));
        atStage.accept("DRAFT");
        to(id, "COLLECTING", atStage);
        List<String[]> works = List.of(new String[]{"a1", "A", A1_TITLE, "90"}, new String[]{"a2", "A", A2_TITLE, "85"},
                new String[]{"a3", "A", A3_TITLE, "80"}, new String[]{"a4", "A", A4_TITLE, "40"},
                new String[]{"b1", "B", B1_TITLE, "90"}, new String[]{"b2", "B", B2_TITLE, "85"},
                new String[]{"b3", "B", B3_TITLE, "80"}, new String[]{"b4", "B", "Plain", "10"});
        for (String[] w : works) {
            submit(id, work(id + "-" + w[0], w[1], w[0].equals("a1") ? "人民日报社" : "Unit").put("title", w[2]));
        }
        to(id, "PRELIMINARY_REVIEW", atStage);
        for (String[] w : works) {
            prelim(id, reviewer, id + "-" + w[0], Double.parseDouble(w[3]));
        }
        to(id, "SHORTLIST_PUBLISHED", atStage);
        to(id, "VOTING", atStage);
        for (String[] v : List.of(new String[]{"v1", "a1"}, new String[]{"v2", "a1"}, new String[]{"v3", "a2"},
                new String[]{"v4", "b2"})) {
            Response r = post(GW, e + "/votes", vote(id + "-" + v[0], id + "-" + v[0], id + "-" + v[1], D1));
            assertThat(r.body().path("decision").asText()).as(r.raw()).isEqualTo("ACCEPTED");
        }
        to(id, "FINAL_REVIEW", atStage);
        for (String[] s : List.of(new String[]{"a1", "80"}, new String[]{"a2", "70"}, new String[]{"a3", "60"},
                new String[]{"b1", "70"}, new String[]{"b2", "80"}, new String[]{"b3", "60"})) {
            Response r = post(reviewerLogin(reviewer), e + "/works/" + id + "-" + s[0] + "/final-scores",
                    score(Double.parseDouble(s[1])));
            assertThat(r.status()).as(r.raw()).isEqualTo(201);
        }
        to(id, "RESULTS_PUBLISHED", atStage);
    }

    private void to(String id, String stage, Consumer<String> atStage) {
        advance(id, stage);
        atStage.accept(stage);
    }

    /** A GET whose body is kept as bytes; {@code user} null sends no credentials. */
    HttpResponse<byte[]> download(String user, String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
        if (user != null) {
            int colon = user.indexOf(':');
            String name = colon < 0 ? user : user.substring(0, colon);
            String password = colon < 0 ? user : user.substring(colon + 1);
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((name + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        try {
            return BYTES.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException ex) {
            throw new IllegalStateException(ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /** The rows of a CSV download, after checking it is one: the content type, the byte-order mark, CRLF ends. */
    static List<String> csvRows(HttpResponse<byte[]> r) {
        assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).isEqualToIgnoringCase("text/csv;charset=UTF-8");
        byte[] body = r.body();
        assertThat(Arrays.copyOf(body, 3)).containsExactly(0xEF, 0xBB, 0xBF);
        String text = new String(body, 3, body.length - 3, StandardCharsets.UTF_8);
        assertThat(text).endsWith("\r\n");
        return List.of(text.substring(0, text.length() - 2).split("\r\n", -1));
    }

    static String header(HttpResponse<?> r, String name) {
        return r.headers().firstValue(name).orElse(null);
    }
}
