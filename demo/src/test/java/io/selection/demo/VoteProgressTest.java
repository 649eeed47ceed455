package io.selection.demo;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What the demo prints while the votes go out, and how it keeps to a pace, on a clock the test moves. */
class VoteProgressTest {

    private static final long MS = 1_000_000L;
    private static final long S = 1_000 * MS;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private final long[] clock = {0};
    private final List<Long> sleeps = new ArrayList<>();

    private VoteProgress progress(long planned, int paceSeconds) {
        return new VoteProgress(out, planned, paceSeconds, () -> clock[0], nanos -> {
            sleeps.add(nanos);
            clock[0] += nanos;
        });
    }

    private List<String> lines() {
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void a_line_at_every_tenth_of_the_votes_then_one_when_they_are_all_decided() {
        VoteProgress p = progress(1_000, 0);
        long accepted = 0;
        long refused = 0;
        for (int batch = 0; batch < 20; batch++) {
            clock[0] += 10 * MS;
            accepted += 45;
            refused += 5;
            p.sent(accepted, refused);
        }
        p.ended(accepted, refused);

        List<String> lines = lines();
        assertThat(lines).hasSize(10);
        assertThat(lines.get(0)).isEqualTo("        votes: 100 of 1,000 sent (10%): 90 accepted, 10 refused; 5,000 votes/s");
        assertThat(lines.get(8)).startsWith("        votes: 900 of 1,000 sent (90%): 810 accepted, 90 refused;");
        assertThat(lines.get(9)).isEqualTo("        voting ended after 0.2 s: 1,000 sent, 900 accepted, 100 refused "
                + "(5,000 votes/s)");
        assertThat(sleeps).isEmpty();
    }

    @Test
    void batches_slower_than_a_few_seconds_each_get_a_line_though_no_tenth_was_crossed() {
        VoteProgress p = progress(100_000, 0);
        for (int batch = 1; batch <= 3; batch++) {
            clock[0] += 6 * S;
            p.sent(batch * 1_000L, 0);
        }

        assertThat(lines()).containsExactly(
                "        votes: 1,000 of 100,000 sent (1%): 1,000 accepted, 0 refused; 167 votes/s",
                "        votes: 2,000 of 100,000 sent (2%): 2,000 accepted, 0 refused; 167 votes/s",
                "        votes: 3,000 of 100,000 sent (3%): 3,000 accepted, 0 refused; 167 votes/s");
    }

    @Test
    void with_a_pace_each_batch_waits_for_its_share_of_it_and_the_lines_say_where_the_pace_stands() {
        VoteProgress p = progress(20_000, 60);
        for (int batch = 1; batch <= 4; batch++) {
            clock[0] += 400 * MS; // each batch is decided in 0.4 s
            p.sent(batch * 5_000L, 0);
        }
        p.ended(20_000, 0);

        // a quarter of the votes stands for a quarter of the minute: 15 s a batch, 0.4 s of it sending
        assertThat(sleeps).containsExactly(14_600 * MS, 14_600 * MS, 14_600 * MS, 14_600 * MS);
        assertThat(clock[0]).isEqualTo(60 * S);
        assertThat(lines()).containsExactly(
                "        votes: 5,000 of 20,000 sent (25%): 5,000 accepted, 0 refused; 12,500 votes/s; 0 s of the 60 s pace",
                "        votes: 10,000 of 20,000 sent (50%): 10,000 accepted, 0 refused; 649 votes/s; 15 s of the 60 s pace",
                "        votes: 15,000 of 20,000 sent (75%): 15,000 accepted, 0 refused; 493 votes/s; 30 s of the 60 s pace",
                "        voting ended after 60.0 s: 20,000 sent, 20,000 accepted, 0 refused (333 votes/s)");
    }

    @Test
    void a_pace_never_waits_when_the_votes_are_already_behind_it() {
        VoteProgress p = progress(10_000, 10);
        clock[0] += 20 * S; // the only batch took twice the whole pace
        p.sent(10_000, 0);

        assertThat(sleeps).isEmpty();
    }
}
