package io.selection.voting;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A smoke-sized run of {@link VoterBookBench}, so the harness keeps compiling and running. */
class VoterBookBenchSmokeTest {

    @Test
    void runs_both_books_on_the_same_votes_and_finds_the_same_decisions() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        VoterBookBench bench = new VoterBookBench(20_000, 2_000);

        List<VoterBookBench.Result> results = bench.run(1, new PrintStream(bytes, true, StandardCharsets.UTF_8));

        assertThat(results).extracting(VoterBookBench.Result::book).containsExactly("reference", "packed");
        assertThat(results.get(1).digest()).isEqualTo(results.get(0).digest());
        assertThat(results.get(1).accepted()).isEqualTo(results.get(0).accepted()).isBetween(10_000L, 20_000L);
        assertThat(results).allMatch(r -> r.votesPerSecond() > 0);
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("decisions identical");
    }

    @Test
    void races_the_book_reading_ahead_against_it_one_vote_at_a_time_with_the_same_decisions() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        VoterBookBench bench = new VoterBookBench(20_000, 2_000, List.of("packed", "ahead"));

        List<VoterBookBench.Result> results = bench.run(1, new PrintStream(bytes, true, StandardCharsets.UTF_8));

        assertThat(results).extracting(VoterBookBench.Result::book).containsExactly("packed", "ahead");
        assertThat(results.get(1).digest()).isEqualTo(results.get(0).digest());
        assertThat(results.get(1).accepted()).isEqualTo(results.get(0).accepted()).isBetween(10_000L, 20_000L);
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("ahead/packed").contains("decisions identical");
    }
}
