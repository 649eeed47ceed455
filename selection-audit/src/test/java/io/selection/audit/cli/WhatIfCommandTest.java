package io.selection.audit.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code what-if} on a sample export: the JSON shape, the edition's own rules, and a usage error. */
class WhatIfCommandTest {

    @TempDir
    Path dir;

    @Test
    @SuppressWarnings("unchecked")
    void prints_winners_entered_and_left_per_category_as_json() {
        Path file = Samples.small(dir);
        Cli.Result r = Cli.run("what-if", file.toString(), "--weights", "100/0", "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        Map<String, Object> json = r.json();
        assertThat(json).containsOnlyKeys("categories");
        Map<String, Object> categories = (Map<String, Object>) json.get("categories");
        assertThat(categories).hasSize(2);
        categories.values().forEach(c -> {
            Map<String, Object> one = (Map<String, Object>) c;
            assertThat(one).containsOnlyKeys("winners", "entered", "left", "moves");
            List<String> winners = (List<String>) one.get("winners");
            assertThat(winners).isNotEmpty().allSatisfy(w -> assertThat(w).isInstanceOf(String.class));
            assertThat((List<String>) one.get("entered")).allMatch(winners::contains);
            assertThat((List<String>) one.get("left")).noneMatch(winners::contains);
            assertThat(((List<?>) one.get("entered")).size()).isEqualTo(((List<?>) one.get("left")).size());
        });
    }

    @Test
    void the_json_moves_carry_the_reasons_the_text_prints_for_works_that_enter() {
        // a larger TEXT list lets its second work in (the small sample publishes one winner a category)
        List<Map<String, Object>> moves = movesAsPrinted("shortlist quota TEXT=4, final quota TEXT=2",
                "--shortlist-quota", "TEXT=4", "--final-quota", "TEXT=2");
        assertThat(moves).singleElement().satisfies(m -> {
            assertThat((Integer) m.get("publishedRank")).isGreaterThan(1);
            assertThat((Integer) m.get("rank")).isEqualTo(2);
        });
    }

    @Test
    void the_json_moves_carry_the_reasons_the_text_prints_for_works_that_leave_the_shortlist() {
        // with four scores required no work of the sample is ranked: each published winner leaves, unranked
        List<Map<String, Object>> moves = movesAsPrinted("min-scores 4", "--min-scores", "4");
        assertThat(moves).hasSize(2).allSatisfy(m -> {
            assertThat(m.get("publishedRank")).isEqualTo(1);
            assertThat(m.get("rank")).isEqualTo(0);
            assertThat((String) m.get("why")).isEqualTo("rank 1 → not shortlisted under min-scores 4");
        });
    }

    /**
     * Runs what-if with {@code options} as JSON and as text; checks that each category's moves name its
     * entered, then its left works, with ranks that spell their why, and that the moves are the text's
     * lines, in order. Returns all moves.
     */
    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> movesAsPrinted(String under, String... options) {
        Path file = Samples.small(dir);
        List<String> args = new java.util.ArrayList<>(List.of("what-if", file.toString()));
        args.addAll(List.of(options));
        Cli.Result text = Cli.run(args.toArray(String[]::new));
        assertThat(text.exit()).as(text.err()).isZero();
        args.add("--json");
        Cli.Result r = Cli.run(args.toArray(String[]::new));
        assertThat(r.exit()).as(r.err()).isZero();
        List<String> printed = text.out().lines().filter(l -> l.startsWith("    ")).map(String::strip).toList();

        List<Map<String, Object>> all = new java.util.ArrayList<>();
        List<String> fromJson = new java.util.ArrayList<>();
        ((Map<String, Object>) r.json().get("categories")).values().forEach(c -> {
            Map<String, Object> one = (Map<String, Object>) c;
            assertThat(one).containsOnlyKeys("winners", "entered", "left", "moves");
            List<Map<String, Object>> moves = (List<Map<String, Object>>) one.get("moves");
            List<Object> ids = new java.util.ArrayList<>((List<Object>) one.get("entered"));
            ids.addAll((List<Object>) one.get("left"));
            assertThat(moves).extracting(m -> m.get("workId")).containsExactlyElementsOf(ids);
            moves.forEach(m -> {
                assertThat(m).containsOnlyKeys("workId", "publishedRank", "rank", "why");
                assertThat(m.get("why")).isEqualTo(place(m.get("publishedRank")) + " → " + place(m.get("rank"))
                        + " under " + under);
                fromJson.add(m.get("workId") + "  " + m.get("why"));
            });
            all.addAll(moves);
        });
        // the same moves, in the same order (categories by code, entered then left), as the text's lines
        assertThat(fromJson).isNotEmpty().containsExactlyElementsOf(printed);
        return all;
    }

    private static String place(Object rank) {
        return Integer.valueOf(0).equals(rank) ? "not shortlisted" : "rank " + rank;
    }

    @Test
    @SuppressWarnings("unchecked")
    void with_no_option_nothing_enters_or_leaves() {
        Path file = Samples.small(dir);
        Cli.Result r = Cli.run("what-if", file.toString(), "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        ((Map<String, Object>) r.json().get("categories")).values().forEach(c -> {
            assertThat((List<?>) ((Map<String, Object>) c).get("entered")).isEmpty();
            assertThat((List<?>) ((Map<String, Object>) c).get("left")).isEmpty();
            assertThat((List<?>) ((Map<String, Object>) c).get("moves")).isEmpty();
        });
        Cli.Result text = Cli.run("what-if", file.toString());
        assertThat(text.out()).startsWith("What-if under the edition's own rules:").contains("entered: none");
    }

    @Test
    void refuses_weights_that_do_not_add_up_to_100() {
        Path file = Samples.small(dir);
        Cli.Result r = Cli.run("what-if", file.toString(), "--weights", "60/60");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("weights");
    }
}
