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
            assertThat(one).containsOnlyKeys("winners", "entered", "left");
            List<String> winners = (List<String>) one.get("winners");
            assertThat(winners).isNotEmpty().allSatisfy(w -> assertThat(w).isInstanceOf(String.class));
            assertThat((List<String>) one.get("entered")).allMatch(winners::contains);
            assertThat((List<String>) one.get("left")).noneMatch(winners::contains);
            assertThat(((List<?>) one.get("entered")).size()).isEqualTo(((List<?>) one.get("left")).size());
        });
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
