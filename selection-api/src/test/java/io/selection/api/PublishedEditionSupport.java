package io.selection.api;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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

    /** Work (the edition's id and a dash before it), category, title, preliminary score. */
    private static final List<List<String>> WORKS = List.of(
            List.of("a1", "A", "春天的故事：深圳四十年", "90"),
            List.of("a2", "A", "Budget, \"revised\" edition", "85"),
            List.of("a3", "A", "=HYPERLINK(\"http://evil.example\",\"click\")", "80"),
            List.of("a4", "A", "Line one\nline two", "40"),
            List.of("b1", "B", "-5 °C in Harbin", "90"),
            List.of("b2", "B", "@everyone read this", "85"),
            List.of("b3", "B", "+86 hotline", "80"),
            List.of("b4", "B", "Plain", "10"));

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
        for (List<String> w : WORKS) {
            submit(id, work(id + "-" + w.get(0), w.get(1), w.get(0).equals("a1") ? "人民日报社" : "Unit")
                    .put("title", w.get(2)));
        }
        to(id, "PRELIMINARY_REVIEW", atStage);
        for (List<String> w : WORKS) {
            prelim(id, reviewer, id + "-" + w.get(0), Double.parseDouble(w.get(3)));
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

    static String title(String work) {
        return WORKS.stream().filter(w -> w.get(0).equals(work)).findFirst().orElseThrow().get(2);
    }

    /** A GET whose body is kept as bytes; {@code user} null sends no credentials. */
    HttpResponse<byte[]> download(String user, String path) {
        return http().getBytes(user, path);
    }

    /** The text of a CSV download, after checking it is one: its content type and its byte-order mark. */
    static String csvText(HttpResponse<byte[]> r) {
        assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).isEqualToIgnoringCase("text/csv;charset=UTF-8");
        byte[] body = r.body();
        assertThat(Arrays.copyOf(body, 3)).containsExactly(0xEF, 0xBB, 0xBF);
        return new String(body, 3, body.length - 3, StandardCharsets.UTF_8);
    }

    /** The rows of a CSV download, each ended by CRLF. */
    static List<String> csvRows(HttpResponse<byte[]> r) {
        String text = csvText(r);
        assertThat(text).endsWith("\r\n");
        return List.of(text.substring(0, text.length() - 2).split("\r\n", -1));
    }

    static String header(HttpResponse<?> r, String name) {
        return r.headers().firstValue(name).orElse(null);
    }
}
