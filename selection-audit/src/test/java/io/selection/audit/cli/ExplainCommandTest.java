package io.selection.audit.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code explain} on a sample export: every published winner is explained as a winner at its
 * published rank, with its final score; the text names a line per statement, in log order after
 * the summary; {@code --lang zh} says the same statements in Chinese; bad questions exit 2.
 */
class ExplainCommandTest {

    @TempDir
    Path dir;

    @Test
    @SuppressWarnings("unchecked")
    void explains_each_published_winner_at_its_rank_and_each_statement_on_a_line() {
        Path file = Samples.small(dir);
        Map<String, Object> categories = winners(file);
        assertThat(categories).isNotEmpty();
        categories.forEach((category, c) -> {
            List<String> winners = (List<String>) ((Map<String, Object>) c).get("winners");
            for (int i = 0; i < winners.size(); i++) {
                Cli.Result r = Cli.run("explain", file.toString(), winners.get(i), "--json");
                assertThat(r.exit()).as(r.err()).isZero();
                Map<String, Object> x = r.json();
                assertThat(x.get("outcome")).isEqualTo("WINNER");
                assertThat(x.get("category")).isEqualTo(category);
                Map<String, Object> fin = (Map<String, Object>) x.get("finalRanking");
                assertThat(((Number) fin.get("winnerRank")).intValue()).isEqualTo(i + 1);
                assertThat(((Number) ((Map<String, Object>) fin.get("ranking")).get("rank")).intValue())
                        .isEqualTo(i + 1);
                long size = ((Number) x.get("logSize")).longValue();
                for (Map<String, Object> s : (List<Map<String, Object>>) x.get("statements")) {
                    assertThat(((Number) s.get("seq")).longValue()).isBetween(1L, size);
                }
            }
        });
        String first = firstWinner(file);
        Cli.Result text = Cli.run("explain", file.toString(), first);
        assertThat(text.exit()).as(text.err()).isZero();
        assertThat(text.out()).startsWith(first + " \"").contains(": WINNER").contains("line ")
                .contains("Its final score is");
    }

    @Test
    void as_of_a_line_before_the_shortlist_the_work_is_ranked_against_the_cut_as_the_scores_stood() throws Exception {
        Path file = Samples.small(dir);
        List<String> lines = Samples.lines(file);
        int published = Samples.firstOfType(lines, "ShortlistPublished");
        String work = lines.get(Samples.firstOfType(lines, "WorkSubmitted") - 1).replaceAll(".*\"workId\":\"([^\"]+)\".*",
                "$1");
        Cli.Result r = Cli.run("explain", file.toString(), work, "--as-of", String.valueOf(published - 1), "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.json().get("outcome")).isIn("ABOVE_THE_CUT", "BELOW_THE_CUT");
        assertThat(((Number) r.json().get("logSize")).intValue()).isEqualTo(published - 1);
        assertThat(r.json()).doesNotContainKey("shortlist");
    }

    @Test
    @SuppressWarnings("unchecked")
    void lang_zh_says_the_same_statements_in_chinese_on_the_same_lines() {
        Path file = Samples.small(dir);
        String winner = firstWinner(file);

        Cli.Result en = Cli.run("explain", file.toString(), winner, "--json");
        Cli.Result zh = Cli.run("explain", file.toString(), winner, "--json", "--lang", "zh");
        assertThat(zh.exit()).as(zh.err()).isZero();
        assertThat(en.json().get("language")).isEqualTo("en");
        assertThat(zh.json().get("language")).isEqualTo("zh-CN");
        assertThat((String) zh.json().get("summary")).startsWith("获选：");
        List<Map<String, Object>> said = (List<Map<String, Object>>) zh.json().get("statements");
        List<Map<String, Object>> english = (List<Map<String, Object>>) en.json().get("statements");
        assertThat(said).hasSameSizeAs(english);
        long previous = 0;
        for (int i = 0; i < said.size(); i++) {
            assertThat(said.get(i).get("code")).isEqualTo(english.get(i).get("code"));
            assertThat(said.get(i).get("seq")).isEqualTo(english.get(i).get("seq"));
            assertThat(said.get(i).get("params")).isEqualTo(english.get(i).get("params"));
            assertThat((String) said.get(i).get("text")).containsPattern("\\p{IsHan}")
                    .isNotEqualTo(english.get(i).get("text"));
            long seq = ((Number) said.get(i).get("seq")).longValue();
            if (i > 1) {
                assertThat(seq).as("log order").isGreaterThanOrEqualTo(previous);
            }
            previous = seq;
        }

        Cli.Result text = Cli.run("explain", file.toString(), winner, "--lang", "zh");
        assertThat(text.exit()).as(text.err()).isZero();
        assertThat(text.out()).contains("line ").contains("获选：").contains("最终得分").doesNotContain("Its final score");
        Cli.Result bad = Cli.run("explain", file.toString(), winner, "--lang", "fr");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("--lang").contains("en, zh");
    }

    /** The published winners of each category, as {@code what-if} recomputes them (a map per category). */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> winners(Path file) {
        return (Map<String, Object>) Cli.run("what-if", file.toString(), "--json").json().get("categories");
    }

    @SuppressWarnings("unchecked")
    private static String firstWinner(Path file) {
        return (String) ((List<?>) ((Map<String, Object>) winners(file).values().iterator().next()).get("winners"))
                .get(0);
    }

    @Test
    void an_unknown_work_or_a_line_past_the_end_exits_2() {
        Path file = Samples.small(dir);
        Cli.Result unknown = Cli.run("explain", file.toString(), "no-such-work");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("no work no-such-work");
        Cli.Result past = Cli.run("explain", file.toString(), "x", "--as-of", "99999999");
        assertThat(past.exit()).isEqualTo(2);
        assertThat(past.err()).contains("past the log's last line");
        Cli.Result zero = Cli.run("explain", file.toString(), "x", "--as-of", "0");
        assertThat(zero.exit()).isEqualTo(2);
    }
}
